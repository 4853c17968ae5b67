import { describe, expect, it } from 'vitest';
import { toCsv } from '../../../src/shared/csv';

describe('CSV export', () => {
  it('quotes separators, quotes and newlines (RFC 4180)', () => {
    expect(toCsv([{ a: 'x,y', b: 'say "hi"', c: 'two\nlines' }], [
      { header: 'a', value: (r) => r.a },
      { header: 'b', value: (r) => r.b },
      { header: 'c', value: (r) => r.c },
    ])).toBe('a,b,c\n"x,y","say ""hi""","two\nlines"');
  });

  it('neutralises text a spreadsheet would run as a formula, keeps numbers as numbers', () => {
    const rows = [{ name: '=HYPERLINK("http://evil","click")' }, { name: '+7 999' }, { name: '-2+3' }, { name: '@SUM(A1)' }, { name: '\t=1' }, { name: 'Анна' }];
    const csv = toCsv(rows, [{ header: 'name', value: (r) => r.name }, { header: 'n', value: () => -5 }]);
    expect(csv.split('\n')).toEqual(['name,n', `"'=HYPERLINK(""http://evil"",""click"")",-5`, "'+7 999,-5", "'-2+3,-5", "'@SUM(A1),-5", "'\t=1,-5", 'Анна,-5']);
  });
});
