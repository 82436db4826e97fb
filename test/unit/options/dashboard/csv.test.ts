import { describe, expect, it } from 'vitest';
import { csvCell, toCsv } from '../../../../src/options/dashboard/csv';

describe('csv', () => {
  it('quotes cells with commas, quotes or line breaks, and doubles inner quotes', () => {
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b')).toBe('"a,b"');
    expect(csvCell('say "hi"')).toBe('"say ""hi"""');
    expect(csvCell('two\nlines')).toBe('"two\nlines"');
    expect(csvCell(undefined)).toBe('');
    expect(csvCell(42)).toBe('42');
  });

  it('defuses cells a spreadsheet would run as a formula', () => {
    expect(csvCell('=HYPERLINK("http://x")')).toBe(`"'=HYPERLINK(""http://x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-cmd')).toBe("'-cmd");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
  });

  it("quotes a cell holding ';' or a tab, and guards every piece after ',', ';' or a tab (#30)", () => {
    expect(csvCell('handover;=2+2;')).toBe(`"handover;'=2+2;"`);
    expect(csvCell("Globex;=cmd|' /C calc'!A0;")).toBe(`"Globex;'=cmd|' /C calc'!A0;"`);
    expect(csvCell('a,+1')).toBe(`"a,'+1"`);
    expect(csvCell('a\t@SUM(A1)')).toBe(`"a\t'@SUM(A1)"`);
    expect(csvCell('a;b')).toBe('"a;b"');
    expect(csvCell('a; -1')).toBe('"a; -1"');
  });

  it('writes a BOM, a header and CRLF lines', () => {
    expect(
      toCsv(
        ['Org', 'Status'],
        [
          ['Acme, Inc', 'SYNCED'],
          ['B', undefined],
        ],
      ),
    ).toBe('\uFEFFOrg,Status\r\n"Acme, Inc",SYNCED\r\nB,\r\n');
  });
});
