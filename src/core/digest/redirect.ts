// Recognises an answer that sends a signed call elsewhere. Such a call is never followed: it would carry the body
// (a link token) to a server the key pair does not belong to, and that server's answer would be believed.

/** The host (host:port) a URL names, resolved against the request's URL; never its path, query or userinfo. */
function hostOf(location: string | null, base: string): string | undefined {
  if (!location || !URL.canParse(location, base)) return undefined;
  return new URL(location, base).host || undefined;
}

/**
 * Where the answer points, when it is a redirect: `{ host }` (undefined when it cannot be read), or undefined when
 * the answer is the server's own. Three shapes: a 3xx (Node's fetch with redirect: 'manual'), an opaque redirect
 * (browsers with 'manual': status 0, no readable headers), and an answer from another origin (a fetch that
 * followed anyway).
 */
export function redirectOf(
  response: Response,
  request: { url: string; origin: string },
): { host?: string } | undefined {
  if (response.type === 'opaqueredirect') return {};
  if (response.status >= 300 && response.status < 400) {
    return { host: hostOf(response.headers.get('location'), request.url) };
  }
  if (!response.url) return undefined;
  if (!URL.canParse(response.url)) return {};
  const answered = new URL(response.url);
  return answered.origin === request.origin ? undefined : { host: answered.host || undefined };
}
