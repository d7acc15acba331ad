import { describe, expect, it } from 'vitest';
import { headerKey, readImportFile } from './import-file.ts';

describe('headerKey', () => {
  it.each([
    ['E-mail', 'e_mail'],
    [' Unité ', 'unite'],
    ['Ancienneté', 'anciennete'],
    ['Cost Center', 'cost_center'],
    ['rôle', 'role'],
  ])('%s → %s', (label, key) => expect(headerKey(label)).toBe(key));
});

describe('readImportFile', () => {
  it('reads English columns, with location and tenure as attributes and any other column too', () => {
    const file = readImportFile(
      'Email,Display_Name,Unit_Path,Role,Site,Tenure,Cost Center\nAnn@X.io,Ann Lee,Sales/France,manager,Paris,2-5y,CC1\n',
    );
    expect(file.errors).toEqual([]);
    expect(file.goodRows).toEqual([
      {
        line: 2,
        email: 'ann@x.io',
        displayName: 'Ann Lee',
        unitPath: ['Sales', 'France'],
        role: 'manager',
        attributes: { location: 'Paris', tenure_band: '2-5y', cost_center: 'CC1' },
      },
    ]);
  });

  it('reads French headers, a BOM, semicolons and a name with a quoted line break', () => {
    const file = readImportFile(
      '\uFEFFCourriel;Nom;Unité;Rôle;Ancienneté\r\nzoe@x.io;"Zoé\r\nMartin";/Ventes/Lyon/;;0-1 an\r\n',
    );
    expect(file.errors).toEqual([]);
    expect(file.goodRows[0]).toEqual({
      line: 2,
      email: 'zoe@x.io',
      displayName: 'Zoé Martin',
      unitPath: ['Ventes', 'Lyon'],
      role: null,
      attributes: { tenure_band: '0-1 an' },
    });
  });

  it('reports each bad row by its physical line while keeping the good ones', () => {
    const text = [
      'email,name,unit,role',
      'good@x.io,Good,Sales,',
      'not-an-email,Bad,Sales,',
      '"multi@x.io","Multi',
      'Line",Sales,',
      ',No Mail,Sales,',
      'good@x.io,Again,Sales,',
      'role@x.io,Role,Sales,boss',
      'unit@x.io,Unit,,',
      'level@x.io,Level,Sales//Paris,',
      'noname@x.io,,Sales,',
      'wide@x.io,Wide,Sales,,extra',
      'GOOD@X.IO,Upper,Sales,',
    ].join('\n');
    const file = readImportFile(text);
    expect(file.rows).toBe(11);
    expect(file.goodRows.map((row) => [row.line, row.email])).toEqual([
      [2, 'good@x.io'],
      [4, 'multi@x.io'],
    ]);
    expect(file.errors).toEqual([
      { line: 3, reason: 'bad e-mail "not-an-email"' },
      { line: 6, reason: 'empty e-mail' },
      { line: 7, reason: 'duplicate e-mail good@x.io: already at line 2' },
      { line: 8, reason: 'unknown role "boss" (use employee, manager or hr_admin)' },
      { line: 9, reason: 'empty unit' },
      { line: 10, reason: 'empty level in unit "Sales//Paris"' },
      { line: 11, reason: 'empty name' },
      { line: 12, reason: 'the row has 5 fields but the header has 4' },
      { line: 13, reason: 'duplicate e-mail good@x.io: already at line 2' },
    ]);
  });

  it('counts the e-mails of bad rows as mentioned, so their people are not taken for leavers', () => {
    const file = readImportFile('email,name,unit,role\nann@x.io,Ann,Sales,boss\n');
    expect(file.goodRows).toEqual([]);
    expect([...file.mentionedEmails]).toEqual(['ann@x.io']);
  });

  it.each([
    ['no e-mail column', 'name,unit\nAnn,Sales', /no e-mail column/],
    ['no unit column', 'email,name\na@x.io,Ann', /no unit column/],
    ['two e-mail columns', 'email,courriel,name,unit\n', /"email" and "courriel" give the same thing/],
    ['an attribute name starting with a digit', 'email,name,unit,2024 bonus\n', /"2024 bonus" cannot be an attribute/],
    [
      'too many attributes',
      `email,name,unit,${Array.from({ length: 11 }, (_, i) => `a${i}`).join(',')}\n`,
      /11 attribute/,
    ],
  ])('rejects a header with %s, on line 1', (_, text, reason) => {
    const file = readImportFile(text);
    expect(file.goodRows).toEqual([]);
    expect(file.errors).toEqual([{ line: 1, reason: expect.stringMatching(reason) }]);
  });

  it('ignores columns with an empty header (a trailing separator)', () => {
    const file = readImportFile('email;name;unit;\na@x.io;Ann;Sales;\n');
    expect(file.errors).toEqual([]);
    expect(file.goodRows[0]?.attributes).toEqual({});
  });

  it('reads an empty attribute cell as "clear this attribute"', () => {
    const file = readImportFile('email,name,unit,location\na@x.io,Ann,Sales,\n');
    expect(file.goodRows[0]?.attributes).toEqual({ location: null });
  });

  it('reports an empty file', () => {
    expect(readImportFile('\n\n').errors).toEqual([{ line: 1, reason: 'the file has no header row' }]);
  });
});
