// The Atlas targets CSV parser: any well-formed list (header or not, quoted or not, any line ending, spaces, blank
// lines, a byte-order mark, another separator) reads back exactly; any text at all is read without throwing, every
// non-blank line accounted for once, as a target with two valid ids or as an invalid line with why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitCsvLine } from '../../../../src/options/dashboard/csv-lines';
import { parseTargetCsv } from '../../../../src/options/dashboard/target-csv';

const objectId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });
const pair = fc.record({ orgId: objectId, atlasOrgId: objectId });
const layout = fc.record({
  header: fc.constantFrom('', 'cloudManagerOrgId,atlasOrgId', 'Cloud Manager org id;Atlas org id', '"org_id","atlas"'),
  eol: fc.constantFrom('\n', '\r\n', '\r'),
  separator: fc.constantFrom(',', ';', '\t'),
  quote: fc.boolean(),
  pad: fc.constantFrom('', ' ', '  '),
  upper: fc.boolean(),
  bom: fc.boolean(),
  blankEvery: fc.integer({ min: 0, max: 3 }),
  trailingComma: fc.boolean(),
});

describe('Atlas targets CSV', () => {
  it('reads back exactly the pairs written, with their line numbers, whatever the layout', () => {
    fc.assert(
      fc.property(fc.array(pair, { maxLength: 30 }), layout, (pairs, l) => {
        const cell = (id: string) => {
          const text = l.upper ? id.toUpperCase() : id;
          return `${l.pad}${l.quote ? `"${text}"` : text}${l.pad}`;
        };
        const lines: string[] = [];
        const expected: { line: number; text: string; orgId: string; atlasOrgId: string }[] = [];
        if (l.header) lines.push(l.header);
        pairs.forEach((p, i) => {
          if (l.blankEvery && i % l.blankEvery === 0) lines.push(l.pad);
          const trailing = l.trailingComma && l.separator === ',' ? ',' : '';
          lines.push(`${cell(p.orgId)}${l.separator}${cell(p.atlasOrgId)}${trailing}`);
          expected.push({ line: lines.length, text: lines.at(-1)!.trim(), ...p });
        });
        const text = `${l.bom ? '\uFEFF' : ''}${lines.join(l.eol)}${l.eol}`;
        expect(parseTargetCsv(text)).toEqual({ targets: expected, invalid: [] });
      }),
    );
  });

  it('accounts for every non-blank line once, and never lets a bad id through, whatever the text', () => {
    const noisy = fc.oneof(
      fc.string(),
      fc
        .array(fc.oneof(objectId, fc.string({ maxLength: 30 }), fc.constantFrom(',', '"', '\n', '\r\n', ';', ' ')), {
          maxLength: 40,
        })
        .map((parts) => parts.join('')),
    );
    fc.assert(
      fc.property(noisy, (text) => {
        const { targets, invalid } = parseTargetCsv(text);
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        const nonBlank = lines.flatMap((raw, i) => (raw.trim() === '' ? [] : [i + 1]));
        const seen = [...targets.map((t) => t.line), ...invalid.map((b) => b.line)].sort((a, b) => a - b);
        // At most one line (the first non-blank one) is taken as a header and left out.
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.every((line) => nonBlank.includes(line))).toBe(true);
        expect(nonBlank.length - seen.length).toBeLessThanOrEqual(1);
        if (nonBlank.length - seen.length === 1) expect(seen).not.toContain(nonBlank[0]);
        for (const t of targets) {
          expect(t.orgId).toMatch(/^[0-9a-f]{24}$/);
          expect(t.atlasOrgId).toMatch(/^[0-9a-f]{24}$/);
        }
      }),
    );
  });

  it('says why a line is invalid, with its number and its text as pasted', () => {
    const id = (c: string) => c.repeat(24);
    const text = [
      'cloudManagerOrgId,atlasOrgId',
      `${id('a')},${id('b')}`,
      `${id('a')}`,
      `${id('a')},${id('b')},${id('c')}`,
      `not-an-id,${id('b')}`,
      `${id('a')},${id('g')}`,
      '',
      `${id('c')} , "${id('d')}"`,
      'cloudManagerOrgId,atlasOrgId',
    ].join('\n');
    expect(parseTargetCsv(text)).toEqual({
      targets: [
        { line: 2, text: `${id('a')},${id('b')}`, orgId: id('a'), atlasOrgId: id('b') },
        { line: 8, text: `${id('c')} , "${id('d')}"`, orgId: id('c'), atlasOrgId: id('d') },
      ],
      invalid: [
        { line: 3, text: id('a'), problem: 'columns' },
        { line: 4, text: `${id('a')},${id('b')},${id('c')}`, problem: 'columns' },
        { line: 5, text: `not-an-id,${id('b')}`, problem: 'bad-org-id' },
        { line: 6, text: `${id('a')},${id('g')}`, problem: 'bad-atlas-id' },
        // A header anywhere but first is just a bad line.
        { line: 9, text: 'cloudManagerOrgId,atlasOrgId', problem: 'bad-org-id' },
      ],
    });
    expect(parseTargetCsv('')).toEqual({ targets: [], invalid: [] });
  });

  it('splits cells at the separator outside quotes, a doubled quote being one', () => {
    expect(splitCsvLine('a, "b,c" ,d')).toEqual(['a', 'b,c', 'd']);
    expect(splitCsvLine('"say ""hi""";x')).toEqual(['say "hi"', 'x']);
    expect(splitCsvLine('a\tb')).toEqual(['a', 'b']);
    // Commas win over semicolons when a line has both.
    expect(splitCsvLine('a;b,c')).toEqual(['a;b', 'c']);
  });
});
