export { type CsvFile, type CsvRecord, type CsvSeparator, parseCsv } from './csv.ts';
export { headerKey, type ImportFile, type ImportRow, maxAttributes, readImportFile } from './import-file.ts';
export * from './import-plan.ts';
export { type DirectoryRole, isEmail, type RowError } from './people.ts';
