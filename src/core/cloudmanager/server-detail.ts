// Makes the server's `detail` text safe to show: one short line, with no piece of any secret the request carried
// and no long opaque word (a server that echoes a token back would otherwise put it on screen).
const MAX_DETAIL_CHARS = 300;
const MIN_SECRET_PIECE = 8;
const OPAQUE_WORD = /[A-Za-z0-9+/=_\-.~%]{32,}/g;
const REDACTED = '[redacted]';

function containsPieceOf(word: string, secret: string): boolean {
  if (secret.length < MIN_SECRET_PIECE) return word.includes(secret) && secret.length > 0;
  for (let start = 0; start + MIN_SECRET_PIECE <= secret.length; start++) {
    if (word.includes(secret.slice(start, start + MIN_SECRET_PIECE))) return true;
  }
  return false;
}

// Stryker disable next-line ArrayDeclaration: every 8-character piece of the stand-in secret holds a space, and no word does.
export function sanitizeDetail(detail: unknown, secrets: readonly string[] = []): string | undefined {
  if (typeof detail !== 'string') return undefined;
  // Cut before the work below so a huge detail costs nothing, dropping the word the cut went through: a fragment
  // shorter than the secret-piece length would not be recognised as a secret.
  const cut = detail.length > MAX_DETAIL_CHARS * 4 ? detail.slice(0, MAX_DETAIL_CHARS * 4).replace(/\S*$/, '') : detail;
  const line = cut.replace(/[\p{Cc}\p{Cf}\s]+/gu, ' ').trim();
  const words = line.split(' ').map((word) => (secrets.some((s) => containsPieceOf(word, s)) ? REDACTED : word));
  const safe = words.join(' ').replace(OPAQUE_WORD, REDACTED);
  if (safe.length === 0) return undefined;
  return safe.length > MAX_DETAIL_CHARS ? `${safe.slice(0, MAX_DETAIL_CHARS - 1)}…` : safe;
}
