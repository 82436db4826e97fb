// An org's note follows the display-safe rule every shown or exported text follows (#30 item 7): the line and
// paragraph separators and the Arabic letter mark, which a note let through before, are refused like the other
// controls and text-direction characters; anything else within 500 characters is kept.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hasDisplayUnsafeCharacter } from '../../../src/core/text/display-safe';
import { NOTE_MAX_LENGTH, noteProblem } from '../../../src/shared/org-note';

describe('a note', () => {
  it.each([
    ['a line separator', '\u2028'],
    ['a paragraph separator', '\u2029'],
    ['an Arabic letter mark', '\u061C'],
    ['a next-line control', '\u0085'],
    ['a right-to-left override', '\u202E'],
    ['a first-strong isolate', '\u2068'],
    ['a line feed', '\n'],
  ])('holding %s is refused as a control character', (_, c) => {
    expect(noteProblem(`handover${c}TICKET-1`)).toBe('control-character');
  });

  it('of 500 characters, emoji counted as one each, is kept; one more is too long', () => {
    expect(noteProblem('😀'.repeat(NOTE_MAX_LENGTH))).toBeUndefined();
    expect(noteProblem('😀'.repeat(NOTE_MAX_LENGTH + 1))).toBe('too-long');
  });

  it('is refused for a character exactly when the shared rule refuses it (property)', () => {
    const unit = fc.oneof(
      fc.constantFrom('\u2028', '\u2029', '\u061C', '\u0085', '\u200E', '\u202A', '\u2069', '\u2027', '\u206A', 'é'),
      fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
    );
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (note) => {
        expect(noteProblem(note) === 'control-character').toBe(hasDisplayUnsafeCharacter(note));
      }),
      { numRuns: 1000 },
    );
  });
});
