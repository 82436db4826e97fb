// Where an Atlas Admin API v2 client sends its calls: the key pair's own origin plus /api/atlas/v2. Refused before
// any request when it is not a plain http(s) address, or when it is Atlas for Government.
import { CloudManagerError } from '../cloudmanager';

const API_PATH = '/api/atlas/v2';
const GOVERNMENT_DOMAIN = 'mongodbgov.com';

/**
 * Whether a host is Atlas for Government's: cloud.mongodbgov.com or any other name under mongodbgov.com (a name
 * that merely ends in the same letters, like notmongodbgov.com, is someone else's). The extension does not serve
 * it: its API keys, regions and review are its own, and the Atlas CLI refuses link tokens there too.
 */
export function isAtlasForGovernment(hostname: string): boolean {
  // A trailing dot names the same host (an absolute DNS name).
  const host = hostname.toLowerCase().replace(/\.$/, '');
  return host === GOVERNMENT_DOMAIN || host.endsWith(`.${GOVERNMENT_DOMAIN}`);
}

/** The API root for a base URL such as https://cloud.mongodb.com (a trailing slash is ignored), or the refusal. */
export function atlasApiRoot(baseUrl: string): string {
  const url = URL.canParse(baseUrl) ? new URL(baseUrl) : undefined;
  if (url && isAtlasForGovernment(url.hostname)) throw new CloudManagerError('atlas-for-government');
  const plain =
    url !== undefined &&
    (url.protocol === 'https:' || url.protocol === 'http:') &&
    !url.username &&
    !url.password &&
    !url.search &&
    !url.hash;
  if (!plain) throw new CloudManagerError('network', { variant: 'invalid-base-url' });
  return `${url.origin}${url.pathname.replace(/\/+$/, '')}${API_PATH}`;
}
