// The one rule for text a person reads or exports (an org's note, a client's label, a name a server gives): no
// character that breaks a line or a cell, hides text or reorders the text around it. Typed text holding one is
// refused; text received (a server's answer, data saved before this rule) is cleaned with displaySafe().

/**
 * C0 and C1 controls and DEL (U+0085 among them), the line and paragraph separators, the bidi marks, embeddings,
 * overrides and isolates (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069), and a lone surrogate (half of a
 * character: it shows as garbage and breaks UTF-8 writers).
 */
export function isDisplayUnsafe(codePoint: number): boolean {
  return (
    codePoint < 0x20 ||
    (codePoint >= 0x7f && codePoint <= 0x9f) ||
    codePoint === 0x061c ||
    codePoint === 0x200e ||
    codePoint === 0x200f ||
    codePoint === 0x2028 ||
    codePoint === 0x2029 ||
    (codePoint >= 0x202a && codePoint <= 0x202e) ||
    (codePoint >= 0x2066 && codePoint <= 0x2069) ||
    (codePoint >= 0xd800 && codePoint <= 0xdfff)
  );
}

// Iterating a string yields whole characters: a surrogate pair as one, a lone surrogate as itself.
const codePointOf = (character: string) => character.codePointAt(0) as number;

/** Whether the text holds any character the rule refuses. */
export function hasDisplayUnsafeCharacter(text: string): boolean {
  for (const character of text) if (isDisplayUnsafe(codePointOf(character))) return true;
  return false;
}

/** The number of characters (code points) a person sees counted: an emoji is one, not two. */
export function characterCount(text: string): number {
  let count = 0;
  for (const _ of text) count++;
  return count;
}

/**
 * The text made safe to show: each refused character becomes a space, and the result is cut to at most
 * `maxCharacters` characters (code points), never between the two halves of one.
 */
export function displaySafe(text: string, maxCharacters = Number.POSITIVE_INFINITY): string {
  let safe = '';
  let count = 0;
  for (const character of text) {
    if (count >= maxCharacters) break;
    safe += isDisplayUnsafe(codePointOf(character)) ? ' ' : character;
    count++;
  }
  return safe;
}
