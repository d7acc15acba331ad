import { parseCsv } from './csv.ts';
import { type DirectoryRole, isEmail, type RowError } from './people.ts';

/** One good row of an HR export, normalised. */
export interface ImportRow {
  line: number;
  /** Lower-cased: people are matched by e-mail, case-insensitively. */
  email: string;
  displayName: string;
  /** Unit names from the top down, e.g. ["Sales", "France", "Paris"]; may start with the root's name. */
  unitPath: string[];
  /** Null when the file gives no role for the row: new people become employees, others keep theirs. */
  role: DirectoryRole | null;
  /** Attribute columns of the file; null clears an attribute the person had. */
  attributes: Record<string, string | null>;
}

export interface ImportFile {
  /** Data rows in the file (blank lines aside), good and bad. */
  rows: number;
  goodRows: ImportRow[];
  errors: RowError[];
  /** E-mails the file names, bad rows included: their people are not leavers. */
  mentionedEmails: Set<string>;
}

export const maxAttributes = 10;
const attributeName = /^[a-z][a-z0-9_]{0,31}$/;
const maxNameLength = 120;
const maxAttributeLength = 80;

type Field = 'email' | 'name' | 'unit' | 'role';
type Column = { field: Field } | { attribute: string } | { ignored: true };

// Header names after `headerKey` (lower case, accents and punctuation folded to `_`).
const aliases: Record<string, Column> = {
  email: { field: 'email' },
  e_mail: { field: 'email' },
  courriel: { field: 'email' },
  name: { field: 'name' },
  display_name: { field: 'name' },
  nom: { field: 'name' },
  unit: { field: 'unit' },
  unit_path: { field: 'unit' },
  unite: { field: 'unit' },
  role: { field: 'role' },
  location: { attribute: 'location' },
  site: { attribute: 'location' },
  tenure: { attribute: 'tenure_band' },
  tenure_band: { attribute: 'tenure_band' },
  anciennete: { attribute: 'tenure_band' },
};

const roleNames: Record<string, DirectoryRole> = {
  employee: 'employee',
  employe: 'employee',
  salarie: 'employee',
  manager: 'manager',
  manageur: 'manager',
  hr_admin: 'hr_admin',
  hr: 'hr_admin',
  rh: 'hr_admin',
};

const requiredColumns: Array<[Field, string]> = [
  ['email', 'e-mail column (email, e-mail or courriel)'],
  ['name', 'name column (name, display_name or nom)'],
  ['unit', 'unit column (unit, unit_path or unité)'],
];

/** Folds a label to lower_snake_case ASCII: "Unité " → "unite", "Cost Center" → "cost_center". */
export function headerKey(label: string): string {
  return label
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '_')
    .replace(/^_+|_+$/g, '');
}

/**
 * Reads an HR export into good rows and per-line errors. A problem with the header itself makes
 * the whole file unreadable: it comes back as the only error, on the header's line.
 */
export function readImportFile(text: string): ImportFile {
  const { records } = parseCsv(text);
  const [header, ...data] = records;
  const empty: ImportFile = { rows: 0, goodRows: [], errors: [], mentionedEmails: new Set() };
  if (!header) return { ...empty, errors: [{ line: 1, reason: 'the file has no header row' }] };

  const columns = readHeader(header.fields);
  if (typeof columns === 'string')
    return { ...empty, rows: data.length, errors: [{ line: header.line, reason: columns }] };

  const result: ImportFile = { rows: data.length, goodRows: [], errors: [], mentionedEmails: new Set() };
  const firstLineOf = new Map<string, number>();
  for (const record of data) {
    const cells = cellsOf(record.fields, columns);
    const email = cells.email.toLowerCase();
    const emailProblem = emailError(email);
    if (!emailProblem) result.mentionedEmails.add(email);

    const reason =
      record.problem ??
      (record.fields.length > columns.length && record.fields.slice(columns.length).some((f) => f.trim() !== '')
        ? `the row has ${record.fields.length} fields but the header has ${columns.length}`
        : undefined) ??
      emailProblem ??
      duplicateError(firstLineOf, email, record.line);
    const row = reason ?? readRow(record.line, email, cells);
    if (typeof row === 'string') result.errors.push({ line: record.line, reason: row });
    else result.goodRows.push(row);
  }
  return result;
}

interface Cells {
  email: string;
  name: string;
  unit: string;
  role: string;
  attributes: Record<string, string>;
}

function readHeader(labels: string[]): Column[] | string {
  const columns: Column[] = [];
  const seen = new Map<string, string>();
  let attributes = 0;
  for (const label of labels) {
    const key = headerKey(label);
    if (key === '') {
      columns.push({ ignored: true });
      continue;
    }
    const column = aliases[key] ?? { attribute: key };
    const target = 'field' in column ? column.field : 'attribute' in column ? `attribute ${column.attribute}` : '';
    const earlier = seen.get(target);
    if (earlier !== undefined) return `the columns "${earlier}" and "${label.trim()}" give the same thing`;
    seen.set(target, label.trim());
    if ('attribute' in column) {
      if (!attributeName.test(column.attribute)) {
        return `the column "${label.trim()}" cannot be an attribute: its name must start with a letter and have at most 32 letters, digits or _`;
      }
      attributes += 1;
    }
    columns.push(column);
  }
  const missing = requiredColumns.filter(([field]) => !seen.has(field)).map(([, what]) => what);
  if (missing.length > 0) return `the header has no ${missing.join(', no ')}`;
  if (attributes > maxAttributes)
    return `the file has ${attributes} attribute columns; at most ${maxAttributes} are kept`;
  return columns;
}

function cellsOf(fields: string[], columns: Column[]): Cells {
  const cells: Cells = { email: '', name: '', unit: '', role: '', attributes: {} };
  columns.forEach((column, index) => {
    const value = tidy(fields[index] ?? '');
    if ('field' in column) cells[column.field] = value;
    else if ('attribute' in column) cells.attributes[column.attribute] = value;
  });
  return cells;
}

/** Trims and folds runs of white space (line breaks of quoted cells included) into one space. */
function tidy(value: string): string {
  return value.replace(/\s+/g, ' ').trim();
}

function emailError(email: string): string | undefined {
  if (email === '') return 'empty e-mail';
  if (!isEmail(email)) return `bad e-mail "${email}"`;
  return undefined;
}

function duplicateError(firstLineOf: Map<string, number>, email: string, line: number): string | undefined {
  const first = firstLineOf.get(email);
  if (first !== undefined) return `duplicate e-mail ${email}: already at line ${first}`;
  firstLineOf.set(email, line);
  return undefined;
}

function readRow(line: number, email: string, cells: Cells): ImportRow | string {
  if (cells.name === '') return 'empty name';
  if (cells.name.length > maxNameLength) return `name longer than ${maxNameLength} characters`;

  const unitPath = unitPathOf(cells.unit);
  if (typeof unitPath === 'string') return unitPath;

  let role: DirectoryRole | null = null;
  if (cells.role !== '') {
    const known = roleNames[headerKey(cells.role)];
    if (!known) return `unknown role "${cells.role}" (use employee, manager or hr_admin)`;
    role = known;
  }

  const attributes: Record<string, string | null> = {};
  for (const [name, value] of Object.entries(cells.attributes)) {
    if (value.length > maxAttributeLength) return `${name} longer than ${maxAttributeLength} characters`;
    attributes[name] = value === '' ? null : value;
  }
  return { line, email, displayName: cells.name, unitPath, role, attributes };
}

function unitPathOf(cell: string): string[] | string {
  const trimmed = cell.replace(/^\s*\/+|\/+\s*$/g, '');
  if (trimmed.trim() === '') return 'empty unit';
  const names = trimmed.split('/').map((name) => name.trim());
  if (names.some((name) => name === '')) return `empty level in unit "${cell}"`;
  if (names.some((name) => name.length > maxNameLength)) return `a unit name longer than ${maxNameLength} characters`;
  return names;
}
