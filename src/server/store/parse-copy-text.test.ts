import { describe, expect, it } from 'vitest';
import { openPgliteClient } from './pglite-client.js';
import { parseCopyText } from './parse-copy-text.js';

describe('parseCopyText', () => {
  it('splits rows and columns, reads \\N as null and decodes every escape COPY writes', () => {
    expect(parseCopyText('a\tb\n\\N\tx\\ty\\nz\\\\w\n')).toEqual([
      ['a', 'b'],
      [null, 'x\ty\nz\\w'],
    ]);
    expect(parseCopyText('\\b\\f\\r\\v\t\\101\\x42\\q')).toEqual([['\b\f\r\v', 'ABq']]);
    expect(parseCopyText('')).toEqual([]);
    expect(parseCopyText('\t\n')).toEqual([['', '']]);
  });

  it('gives back exactly what PGlite stored, tabs, newlines, backslashes, quotes and unicode included', async () => {
    const sql = await openPgliteClient();
    try {
      const values = [
        'plain',
        'tab\there',
        'line\nbreak\r\n',
        'back\\slash \\N',
        '{"q":"\\"quoted\\"","emoji":"😀 é"}',
        '',
        '\u0001\u001f',
      ];
      await sql.query('CREATE TABLE copy_probe (position integer, value text, missing text)');
      for (const [position, value] of values.entries())
        await sql.query('INSERT INTO copy_probe VALUES ($1, $2, NULL)', [position, value]);
      const text = (await sql.copyOut?.('SELECT position, value, missing FROM copy_probe ORDER BY position')) ?? '';
      expect(parseCopyText(text)).toEqual(values.map((value, position) => [String(position), value, null]));
    } finally {
      await sql.close();
    }
  });
});
