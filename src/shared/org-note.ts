// The rule for an org's note (ticket id, handover remark), checked by the page before sending and by the worker
// before keeping it: plain text on one line, at most 500 characters, and the display-safe rule every shown or
// exported text follows (core/text/display-safe.ts: no control, line-separator or text-direction character; a note
// lands in CSV exports and table cells, where such characters hide or reorder text).
import { characterCount, hasDisplayUnsafeCharacter } from '../core/text/display-safe';

export const NOTE_MAX_LENGTH = 500;

export type NoteProblem = 'too-long' | 'control-character';

/** What is wrong with the note, if anything (after trimming its ends). */
export function noteProblem(note: string): NoteProblem | undefined {
  if (hasDisplayUnsafeCharacter(note)) return 'control-character';
  if (characterCount(note.trim()) > NOTE_MAX_LENGTH) return 'too-long';
  return undefined;
}
