// Reads an HTTP Retry-After header, which is either a number of seconds or an HTTP date.
const MAX_SECONDS = 7 * 24 * 3600;

/** Seconds to wait from `nowMs`, or undefined when the header is absent or unreadable. */
export function parseRetryAfter(value: string | null | undefined, nowMs: number): number | undefined {
  const text = value?.trim();
  if (!text) return undefined;
  if (/^\d+$/.test(text)) return Math.min(Number(text), MAX_SECONDS);
  // A date header always names a weekday or month; a bare number with a sign or fraction is not one.
  if (!/[a-z]/i.test(text)) return undefined;
  const at = Date.parse(text);
  if (Number.isNaN(at)) return undefined;
  return Math.min(Math.max(0, Math.ceil((at - nowMs) / 1000)), MAX_SECONDS);
}
