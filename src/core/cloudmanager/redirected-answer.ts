// A signed call never follows a redirect: an answer that points elsewhere becomes a `redirected` error, on the
// Cloud Manager side and the Atlas side alike.
import { CloudManagerError } from './cloud-manager-error';

/**
 * An answer that points elsewhere, from a FetchLike that handed it back (the Digest layer throws its own): a 3xx,
 * an opaque redirect (browsers hide its Location), or an answer from another origin (a fetch that followed anyway).
 * Only the target's host is kept: its path and query are the server's to fill, and may echo the request.
 */
export function redirectedAnswer(response: Response, url: string, variant?: 'atlas'): CloudManagerError | undefined {
  const resolve = (target: string | null) => (target && URL.canParse(target, url) ? new URL(target, url) : undefined);
  let target: URL | undefined;
  if (response.status >= 300 && response.status < 400) target = resolve(response.headers.get('Location'));
  else if (response.type === 'opaqueredirect') target = undefined;
  else if (response.url && resolve(response.url)?.origin !== new URL(url).origin) target = resolve(response.url);
  else return undefined;
  return new CloudManagerError('redirected', { variant, host: target?.host || undefined });
}
