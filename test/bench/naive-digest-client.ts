// The baseline the dashboard's refresh is measured against: a client that works the way the standard tools do
// (mongocli, MongoDB's Go digest transport, `curl --digest`): one call at a time, each sent twice — first without
// credentials to get a challenge, then signed with a fresh challenge. Node's own MD5; nothing from src/core/digest.
import { createHash, randomBytes } from 'node:crypto';

const md5 = (text: string) => createHash('md5').update(text).digest('hex');

function challengeOf(header: string | null): Record<string, string> {
  if (!header?.toLowerCase().startsWith('digest ')) throw new Error('no Digest challenge');
  const params: Record<string, string> = {};
  for (const match of header.slice(7).matchAll(/(\w+)=(?:"((?:[^"\\]|\\.)*)"|([^,\s]+))/g)) {
    params[match[1]!.toLowerCase()] = match[2] ?? match[3] ?? '';
  }
  return params;
}

export interface NaiveCredentials {
  username: string;
  password: string;
}

/** Sends one request the way the standard tools do; returns the signed answer and counts both requests. */
export async function naiveDigestRequest(
  url: string,
  method: string,
  credentials: NaiveCredentials,
  counter: { requests: number },
): Promise<Response> {
  const headers = { Accept: 'application/json' };
  const first = await fetch(url, { method, headers });
  counter.requests += 1;
  await first.arrayBuffer();
  if (first.status !== 401) return first;
  const challenge = challengeOf(first.headers.get('WWW-Authenticate'));
  const target = new URL(url);
  const uri = `${target.pathname}${target.search}`;
  const nc = '00000001';
  const cnonce = randomBytes(8).toString('hex');
  const ha1 = md5(`${credentials.username}:${challenge.realm}:${credentials.password}`);
  const ha2 = md5(`${method}:${uri}`);
  const response = md5(`${ha1}:${challenge.nonce}:${nc}:${cnonce}:auth:${ha2}`);
  const authorization =
    `Digest username="${credentials.username}", realm="${challenge.realm}", nonce="${challenge.nonce}", ` +
    `uri="${uri}", algorithm=MD5, qop=auth, nc=${nc}, cnonce="${cnonce}", response="${response}"` +
    (challenge.opaque ? `, opaque="${challenge.opaque}"` : '');
  const signed = await fetch(url, { method, headers: { ...headers, Authorization: authorization } });
  counter.requests += 1;
  return signed;
}

/** A naive link-status call: GET .../migrationLink/status, read the JSON. */
export async function naiveLinkStatus(
  baseUrl: string,
  orgId: string,
  credentials: NaiveCredentials,
  counter: { requests: number },
): Promise<string> {
  const url = `${baseUrl}/api/public/v1.0/orgs/${orgId}/liveExport/migrationLink/status`;
  const answer = await naiveDigestRequest(url, 'GET', credentials, counter);
  const body = (await answer.json().catch(() => ({}))) as { status?: string; errorCode?: string };
  return body.status ?? body.errorCode ?? String(answer.status);
}

/** A naive org lookup (for its name): GET /orgs/{orgId}. */
export async function naiveOrgName(
  baseUrl: string,
  orgId: string,
  credentials: NaiveCredentials,
  counter: { requests: number },
): Promise<string> {
  const answer = await naiveDigestRequest(`${baseUrl}/api/public/v1.0/orgs/${orgId}`, 'GET', credentials, counter);
  const body = (await answer.json().catch(() => ({}))) as { name?: string };
  return body.name ?? '';
}
