import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';

const fieldsOf = (text: string) => parseCsv(text).records.map((record) => record.fields);
const linesOf = (text: string) => parseCsv(text).records.map((record) => record.line);

describe('parseCsv', () => {
  it('reads plain comma-separated records', () => {
    expect(fieldsOf('email,name\na@x.io,Ann\nb@x.io,Bob\n')).toEqual([
      ['email', 'name'],
      ['a@x.io', 'Ann'],
      ['b@x.io', 'Bob'],
    ]);
  });

  it.each([
    ['a comma header', 'email,name;x\n', ','],
    ['a semicolon header', 'email;name;unit\n', ';'],
    ['a semicolon header with a quoted comma', '"Name, full";email;unit\n', ';'],
    ['a single column', 'email\n', ','],
  ])('detects the separator from %s', (_, text, separator) => {
    expect(parseCsv(text).separator).toBe(separator);
  });

  it('drops a UTF-8 byte-order mark', () => {
    expect(fieldsOf('\uFEFFemail;nom\na@x.io;Zoé')).toEqual([
      ['email', 'nom'],
      ['a@x.io', 'Zoé'],
    ]);
  });

  it('reads quoted fields with separators, doubled quotes and line breaks', () => {
    const text = 'a;b;c\r\n"x;y";"say ""hi""";"two\r\nlines"\r\nlast;;\r\n';
    expect(fieldsOf(text)).toEqual([
      ['a', 'b', 'c'],
      ['x;y', 'say "hi"', 'two\r\nlines'],
      ['last', '', ''],
    ]);
  });

  it('numbers records by the physical line they start on', () => {
    const text = 'h1,h2\n"multi\nline\nvalue",x\n\nnext,y\r\n"a\r\nb",z\nend,w';
    expect(linesOf(text)).toEqual([1, 2, 6, 7, 9]);
  });

  it('skips blank lines and lines of empty fields, but counts them', () => {
    const text = 'a,b\n\n,\n  , \nx,y\n';
    expect(parseCsv(text).records).toEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 5, fields: ['x', 'y'] },
    ]);
  });

  it('keeps a last record without a final line break', () => {
    expect(fieldsOf('a,b\nc,d')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('keeps a quote inside an unquoted field as text', () => {
    expect(fieldsOf('a,b\n5" screen,x')[1]).toEqual(['5" screen', 'x']);
  });

  it('flags text after a closing quote, and keeps reading the next line', () => {
    const { records } = parseCsv('a,b\n"abc"def,x\nok,y\n');
    expect(records[1]).toEqual({ line: 2, fields: ['abcdef', 'x'], problem: expect.stringMatching(/closing quote/) });
    expect(records[2]).toEqual({ line: 3, fields: ['ok', 'y'] });
  });

  it('flags a quoted field that is never closed, on the line it opens', () => {
    const { records } = parseCsv('a,b\nok,1\n"never closed,2\nx,3\n');
    expect(records).toHaveLength(3);
    expect(records[2]).toMatchObject({ line: 3, problem: expect.stringMatching(/never closed/) });
  });

  it('reads an empty file as no records', () => {
    expect(parseCsv('').records).toEqual([]);
    expect(parseCsv('\uFEFF').records).toEqual([]);
  });
});
