// The rule for an org's note (ticket id, handover remark), checked by the page before sending and by the worker
// before keeping it: plain text on one line, at most 500 characters, no control or text-direction character (a
// note lands in CSV exports and table cells, where such characters hide or reorder text).
export const NOTE_MAX_LENGTH = 500;

const FORBIDDEN = /[\p{Cc}\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;

export type NoteProblem = 'too-long' | 'control-character';

/** What is wrong with the note, if anything (after trimming its ends). */
export function noteProblem(note: string): NoteProblem | undefined {
  if (FORBIDDEN.test(note)) return 'control-character';
  if ([...note.trim()].length > NOTE_MAX_LENGTH) return 'too-long';
  return undefined;
}
