// One API request through the sandbox, on either API: logged, infrastructure faults, Digest or a service account's
// Bearer token, application faults, then the Cloud Manager or the Atlas answer, sent with `pretty` and `envelope`
// applied. Also the token endpoint's requests (answerTokenRequest): logged, faults, then the token answer.
// Every answer sent is checked against answer-sources.ts for its side: an unlisted one is a bug, never sent.
import type { IncomingMessage, ServerResponse } from 'node:http';
import { type AnswerSide, assertListed } from './answer-sources';
import { type ApiContext, answerApi, targetOrgId } from './api';
import { ATLAS_PREFIX, type AtlasContext, answerAtlasApi, atlasTargetOrgId } from './atlas-api';
import type { DigestVerifier } from './digest-verifier';
import type { FaultTable } from './faults';
import { type Fixture, type FixtureKey, isGlobalKey } from './fixture';
import { type ApiAnswer, mmsError, notAuthorized, rateLimited } from './mms-errors';
import type { SandboxModes } from './modes';
import { asCaller, REVOKE_PATH, type ServiceAccountTokens } from './service-accounts';

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  status: number;
  authorized: boolean;
  errorCode?: string;
  username?: string;
  /** The client id of the service account that made the call (a Bearer call, or a token request naming a client). */
  serviceAccount?: string;
  /** The org the path targets: the id in `/orgs/{id}...` (either API), or the org of the project in `/groups/{id}`. */
  orgId?: string;
  /**
   * Set once the credentials are verified: true when a non-global key targets an org it does not belong to
   * (or a project of such an org); false otherwise. A well-behaved client never makes one.
   */
  crossOrg?: boolean;
}

export interface Pipeline {
  fixture: Fixture;
  cloudManager: ApiContext;
  atlas: AtlasContext;
  verifier: DigestVerifier;
  faults: FaultTable;
  log: RequestLogEntry[];
  latencyMs: () => number;
  serviceAccounts: ServiceAccountTokens;
  /** The unpublished answers' current choices, read on every request (bearerRefusedPaths, rateLimitRetryAfter). */
  modes: SandboxModes;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export function send(res: ServerResponse, status: number, body: string | undefined, headers: Record<string, string>) {
  res.writeHead(status, headers);
  res.end(body);
}

function sendAnswer(res: ServerResponse, url: URL, answer: ApiAnswer, side: AnswerSide, challenge: () => string) {
  assertListed(answer.status, answer.errorCode, side);
  const headers: Record<string, string> = { ...answer.headers };
  // The recorded 401 goes out byte for byte with a fresh challenge: never wrapped in an envelope nor re-indented,
  // since a client must see the 401 to answer it.
  if (answer.challenge) headers['WWW-Authenticate'] = challenge();
  if (answer.rendered !== undefined) return send(res, answer.status, answer.rendered, headers);
  const pretty = url.searchParams.get('pretty') === 'true';
  const envelope = url.searchParams.get('envelope') === 'true';
  let status = answer.status;
  let body = answer.body;
  if (envelope) {
    body = { status: answer.status, content: answer.body ?? null };
    status = 200;
    delete headers['Content-Type'];
  }
  if (body === undefined) return send(res, status, undefined, headers);
  // An answer may name its own media type (the Atlas side's versioned one); errors are plain JSON.
  headers['Content-Type'] ??= 'application/json';
  send(res, status, JSON.stringify(body, null, pretty ? 2 : 0), headers);
}

/**
 * The answer an application fault gives in place of the real one, in the shape of the API it hits; a 429 carries
 * Retry-After unless `withRetryAfter` is false.
 */
function faultAnswer(
  kind: string,
  retryAfterSeconds: number | undefined,
  atlas: boolean,
  withRetryAfter: boolean,
): ApiAnswer | undefined {
  if (kind === 'rate-limit') {
    const seconds = retryAfterSeconds ?? 2;
    return atlas
      ? rateLimited('RATE_LIMITED_TOKEN_BUCKET', 'Too many requests.', seconds, withRetryAfter)
      : rateLimited(
          'RATE_LIMITED',
          'Too many requests: the rate limit for this API key was exceeded.',
          seconds,
          withRetryAfter,
        );
  }
  if (kind === 'server-error') return mmsError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
  if (kind === 'upgrade') {
    return mmsError(
      405,
      'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES',
      'Writes are not allowed during application upgrades.',
    );
  }
  return undefined;
}

/** `listener`: 'https' is the "Cloud Manager" side, 'http' the "Ops Manager" side (where global keys exist). */
export async function answerRequest(
  p: Pipeline,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  listener: 'http' | 'https',
) {
  const method = (req.method ?? 'GET').toUpperCase();
  const path = url.pathname + url.search;
  const atlas = url.pathname === ATLAS_PREFIX || url.pathname.startsWith(`${ATLAS_PREFIX}/`);
  const side: AnswerSide = atlas ? 'atlas' : 'cloud-manager';
  const header = req.headers.authorization;
  const entry: RequestLogEntry = { time: Date.now(), method, path, status: 0, authorized: Boolean(header) };
  const orgId = atlas ? atlasTargetOrgId(url.pathname) : targetOrgId(p.fixture, url.pathname);
  if (orgId !== undefined) entry.orgId = orgId;
  p.log.push(entry);
  const body = await readBody(req);
  if (p.latencyMs() > 0) await sleep(p.latencyMs());

  const infra = p.faults.take(method, url.pathname, 'infrastructure');
  if (infra?.kind === 'latency') await sleep(infra.ms ?? 1000);
  if (infra?.kind === 'slow') await sleep(infra.ms ?? 25_000);
  if (infra?.kind === 'reset') {
    entry.status = -1;
    req.socket.destroy();
    return;
  }
  if (infra?.kind === 'html') {
    assertListed(502, null, side);
    entry.status = 502;
    const page = '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>';
    return send(res, 502, page, { 'Content-Type': 'text/html' });
  }

  let caller: FixtureKey;
  const bearer = /^\s*Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  if (bearer) {
    const account = p.serviceAccounts.resolve(bearer[1]!);
    if (account) entry.serviceAccount = account.clientId;
    if (!account || p.modes.bearerRefusedPaths.some((part) => url.pathname.includes(part))) {
      // RFC 6750 §3.1: an expired, unknown or refused token; the body is the recorded 401's (the same auth layer).
      const refused = notAuthorized();
      entry.status = refused.status;
      entry.errorCode = refused.errorCode;
      return sendAnswer(res, url, refused, side, () => 'Bearer realm="MMS Public API", error="invalid_token"');
    }
    caller = asCaller(account);
  } else {
    // An Ops Manager global key is known only on the HTTP listener's Cloud Manager API, never on Atlas's.
    const knows = (key: FixtureKey) => !isGlobalKey(key) || (listener === 'http' && !atlas);
    const verdict = p.verifier.verify(method, path, header, knows);
    if (!verdict.ok) {
      // Digest runs before anything looks at the resource or its version: the recorded 401, stale when the
      // credentials were right but the nonce was not.
      const refused = notAuthorized();
      entry.status = refused.status;
      entry.errorCode = refused.errorCode;
      return sendAnswer(res, url, refused, side, () => p.verifier.challenge(verdict.stale));
    }
    caller = verdict.key;
    entry.username = verdict.key.publicKey;
  }
  entry.crossOrg = orgId !== undefined && !isGlobalKey(caller) && !caller.roles[orgId];

  const app = p.faults.take(method, url.pathname, 'application');
  const ip = req.socket.remoteAddress ?? '';
  const answer =
    (app && faultAnswer(app.kind, app.retryAfterSeconds, atlas, p.modes.rateLimitRetryAfter)) ??
    (atlas
      ? answerAtlasApi(
          p.atlas,
          {
            method,
            path: url.pathname,
            query: url.searchParams,
            body,
            ip,
            accept: req.headers.accept,
            contentType: req.headers['content-type'],
            origin: `${listener}://${req.headers.host ?? 'cloud.mongodb.com'}`,
          },
          caller,
        )
      : answerApi(p.cloudManager, { method, path: url.pathname, body, ip, query: url.searchParams }, caller));
  entry.status = answer.status;
  entry.errorCode = answer.errorCode;
  sendAnswer(res, url, answer, side, () => p.verifier.challenge(false));
}

/**
 * `POST /api/oauth/token` and `/api/oauth/revoke`: logged (with the client the Basic header names), latency, faults,
 * the token or revocation answer.
 */
export async function answerTokenRequest(p: Pipeline, req: IncomingMessage, res: ServerResponse, url: URL) {
  const method = (req.method ?? 'GET').toUpperCase();
  const header = req.headers.authorization;
  const entry: RequestLogEntry = {
    time: Date.now(),
    method,
    path: url.pathname,
    status: 0,
    authorized: Boolean(header),
  };
  p.log.push(entry);
  const body = await readBody(req);
  if (p.latencyMs() > 0) await sleep(p.latencyMs());
  const infra = p.faults.take(method, url.pathname, 'infrastructure');
  if (infra?.kind === 'latency') await sleep(infra.ms ?? 1000);
  if (infra?.kind === 'slow') await sleep(infra.ms ?? 25_000);
  if (infra?.kind === 'reset') {
    entry.status = -1;
    req.socket.destroy();
    return;
  }
  const app = p.faults.take(method, url.pathname, 'application');
  // The token endpoint's own 429s keep Retry-After whatever rateLimitRetryAfter says.
  const faulted = app && faultAnswer(app.kind, app.retryAfterSeconds, false, true);
  const request = {
    method,
    authorization: header,
    contentType: req.headers['content-type'],
    body,
    ip: req.socket.remoteAddress ?? '',
  };
  const endpoint = url.pathname === REVOKE_PATH ? 'revoke' : 'answer';
  const tokenAnswer = faulted ? undefined : p.serviceAccounts[endpoint](request);
  if (tokenAnswer?.clientId) entry.serviceAccount = tokenAnswer.clientId;
  const answer: ApiAnswer = faulted ?? tokenAnswer!;
  entry.status = answer.status;
  entry.errorCode = answer.errorCode;
  sendAnswer(res, url, answer, 'oauth', () => p.verifier.challenge(false));
}
