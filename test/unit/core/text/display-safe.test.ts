// The display-safe rule (#30 item 7): which characters it refuses (controls, line separators, text-direction marks,
// a lone surrogate) and which it lets through, and displaySafe(): every refused character becomes a space, the text
// is cut by characters, never inside one, and safe text comes back unchanged.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  characterCount,
  displaySafe,
  hasDisplayUnsafeCharacter,
  isDisplayUnsafe,
} from '../../../../src/core/text/display-safe';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
/** Every code point the rule names, as listed in the issue. */
const REFUSED = [
  ...range(0x00, 0x1f),
  ...range(0x7f, 0x9f),
  0x0085,
  0x061c,
  0x200e,
  0x200f,
  0x2028,
  0x2029,
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
];
/** Their neighbours, and characters people write: all shown as they are. */
const ACCEPTED = [
  0x20, 0x7e, 0xa0, 0xe9, 0x061b, 0x061d, 0x200b, 0x200d, 0x2027, 0x202f, 0x2065, 0x206a, 0xfeff, 0xd55c, 0x1f600,
];

const refusedCharacter = fc.constantFrom(...REFUSED).map((c) => String.fromCodePoint(c));
const loneSurrogate = fc.integer({ min: 0xd800, max: 0xdfff }).map((c) => String.fromCharCode(c));
/** Any text, weighted towards what the rule is about: refused characters, lone halves, emoji, accents. */
const anyText = fc.string({
  unit: fc.oneof(
    refusedCharacter,
    loneSurrogate,
    fc.constantFrom('a', ' ', 'é', '한', '😀', '\u{10ffff}'),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 40,
});
const safeText = fc.string({ unit: 'grapheme', maxLength: 40 }).filter((s) => !hasDisplayUnsafeCharacter(s));

describe('the characters refused', () => {
  it('are the C0 and C1 controls, DEL, U+0085, the line and paragraph separators and every bidi mark', () => {
    for (const c of REFUSED) {
      expect(isDisplayUnsafe(c), c.toString(16)).toBe(true);
      expect(hasDisplayUnsafeCharacter(`Acme${String.fromCodePoint(c)}Corp`), c.toString(16)).toBe(true);
    }
  });

  it('and a lone half of a surrogate pair, but not a whole pair', () => {
    expect(hasDisplayUnsafeCharacter('a\ud83d')).toBe(true);
    expect(hasDisplayUnsafeCharacter('\ude00a')).toBe(true);
    expect(hasDisplayUnsafeCharacter('a😀')).toBe(false);
  });

  it('not their neighbours, nor any script or emoji', () => {
    for (const c of ACCEPTED)
      expect(hasDisplayUnsafeCharacter(`A${String.fromCodePoint(c)}B`), c.toString(16)).toBe(false);
    expect(hasDisplayUnsafeCharacter('글로벡스 고객사 ✓ مرحبا')).toBe(false);
  });
});

describe('displaySafe', () => {
  it('replaces a right-to-left override and an isolate with spaces', () => {
    expect(displaySafe('Globex\u202Ecod.exe\u2066x\u2069')).toBe('Globex cod.exe x ');
  });

  it('cuts by characters: an emoji at the limit is kept whole or left out, never halved', () => {
    expect(displaySafe(`${'a'.repeat(255)}😀b`, 256)).toBe(`${'a'.repeat(255)}😀`);
    expect(displaySafe(`${'a'.repeat(256)}😀`, 256)).toBe('a'.repeat(256));
    expect(displaySafe('😀'.repeat(300), 256)).toBe('😀'.repeat(256));
  });

  it('leaves nothing the rule refuses, whatever the text (property)', () => {
    fc.assert(
      fc.property(anyText, fc.nat({ max: 50 }), (text, max) => {
        expect(hasDisplayUnsafeCharacter(displaySafe(text))).toBe(false);
        expect(hasDisplayUnsafeCharacter(displaySafe(text, max))).toBe(false);
      }),
      { numRuns: 2000 },
    );
  });

  it('keeps every other character in its place and cuts to at most the size, by characters (property)', () => {
    fc.assert(
      fc.property(anyText, fc.nat({ max: 50 }), (text, max) => {
        const whole = [...text];
        const cut = [...displaySafe(text, max)];
        expect(cut.length).toBe(Math.min(max, whole.length));
        cut.forEach((c, i) => {
          expect(c).toBe(isDisplayUnsafe(whole[i]!.codePointAt(0)!) ? ' ' : whole[i]);
        });
        expect(characterCount(displaySafe(text, max))).toBe(cut.length);
      }),
      { numRuns: 2000 },
    );
  });

  it('gives safe text back unchanged, and is idempotent (property)', () => {
    fc.assert(
      fc.property(safeText, (text) => {
        expect(displaySafe(text)).toBe(text);
      }),
    );
    fc.assert(
      fc.property(anyText, fc.nat({ max: 50 }), (text, max) => {
        const once = displaySafe(text, max);
        expect(displaySafe(once, max)).toBe(once);
      }),
    );
  });

  it('refuses exactly what it would change (property)', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        expect(hasDisplayUnsafeCharacter(text)).toBe(displaySafe(text) !== text);
      }),
      { numRuns: 2000 },
    );
  });
});
