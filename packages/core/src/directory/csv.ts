/**
 * RFC 4180 CSV as HR systems and spreadsheets export it: UTF-8 with or without a byte-order mark,
 * `,` or `;` between fields (read from the header line), quoted fields holding separators, doubled
 * quotes and line breaks, CRLF or LF line ends.
 */

export type CsvSeparator = ',' | ';';

export interface CsvRecord {
  /** 1-based physical line of the file where the record starts (quoted line breaks count). */
  line: number;
  fields: string[];
  /** Why the record could not be read as the file meant it; its fields are then unreliable. */
  problem?: string;
}

export interface CsvFile {
  separator: CsvSeparator;
  /** Every record, blank lines left out; the first one is the header. */
  records: CsvRecord[];
}

const QUOTE = 34;
const LF = 10;
const CR = 13;

export function parseCsv(text: string): CsvFile {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const separator = detectSeparator(text, start);
  const sep = separator.charCodeAt(0);
  const records: CsvRecord[] = [];
  const length = text.length;
  let i = start;
  let line = 1;

  while (i < length) {
    const record: CsvRecord = { line, fields: [] };
    let endOfRecord = false;
    while (!endOfRecord) {
      let value = '';
      if (text.charCodeAt(i) === QUOTE) {
        const closed = readQuoted(text, i + 1);
        value = closed.value;
        line += closed.lineBreaks;
        i = closed.end;
        if (!closed.terminated) {
          record.problem ??= 'a quoted field opened on this line is never closed';
        } else if (i < length && !isFieldEnd(text.charCodeAt(i), sep)) {
          // `"abc"def`: keep the text, but the quoting is not what the writer meant.
          record.problem ??= 'text follows a closing quote (quotes inside a field must be doubled)';
          const rest = readUnquoted(text, i, sep);
          value += rest.value;
          i = rest.end;
        }
      } else {
        const field = readUnquoted(text, i, sep);
        value = field.value;
        i = field.end;
      }
      record.fields.push(value);

      const code = text.charCodeAt(i);
      if (code === sep) {
        i += 1;
      } else {
        endOfRecord = true;
        if (code === CR || code === LF) {
          i += code === CR && text.charCodeAt(i + 1) === LF ? 2 : 1;
          line += 1;
        }
      }
    }
    if (!isBlank(record)) records.push(record);
  }
  return { separator, records };
}

function isFieldEnd(code: number, sep: number) {
  return code === sep || code === CR || code === LF;
}

function readUnquoted(text: string, from: number, sep: number) {
  let end = from;
  while (end < text.length && !isFieldEnd(text.charCodeAt(end), sep)) end += 1;
  return { value: text.slice(from, end), end };
}

function readQuoted(text: string, from: number) {
  let value = '';
  let cursor = from;
  for (;;) {
    const quote = text.indexOf('"', cursor);
    if (quote === -1) {
      value += text.slice(cursor);
      return { value, end: text.length, terminated: false, lineBreaks: countLineBreaks(text, from, text.length) };
    }
    value += text.slice(cursor, quote);
    if (text.charCodeAt(quote + 1) === QUOTE) {
      value += '"';
      cursor = quote + 2;
    } else {
      const end = quote + 1;
      return { value, end, terminated: true, lineBreaks: countLineBreaks(text, from, end) };
    }
  }
}

/** Physical line breaks (CRLF, LF or a lone CR) between two offsets. */
function countLineBreaks(text: string, from: number, to: number) {
  let breaks = 0;
  for (let i = from; i < to; i += 1) {
    const code = text.charCodeAt(i);
    if (code === LF) breaks += 1;
    else if (code === CR && text.charCodeAt(i + 1) !== LF) breaks += 1;
  }
  return breaks;
}

function isBlank(record: CsvRecord) {
  return !record.problem && record.fields.every((field) => field.trim() === '');
}

/** The header decides: whichever of `;` and `,` occurs more often outside quotes (`,` on a tie). */
function detectSeparator(text: string, from: number): CsvSeparator {
  let commas = 0;
  let semicolons = 0;
  let quoted = false;
  for (let i = from; i < text.length; i += 1) {
    const char = text[i];
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) break;
    else if (!quoted && char === ',') commas += 1;
    else if (!quoted && char === ';') semicolons += 1;
  }
  return semicolons > commas ? ';' : ',';
}
