// The sandbox: a local HTTPS (and optional HTTP) server that speaks the Cloud Manager public API for the link
// endpoints, with Digest auth, MMS errors, envelope/pretty, fault injection, a request log and a stand-in UI page.
// The demo (`npm run sandbox`), the end-to-end tests and the benchmarks all run against it.
import { mkdtempSync } from 'node:fs';
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ApiContext, answerApi, type LinkState, targetOrgId } from './api';
import { makeCert } from './cert';
import { DigestVerifier } from './digest-verifier';
import { type Fault, FaultTable } from './faults';
import { type Fixture, isGlobalKey, loadDemoFixture, validateFixture } from './fixture';
import { type ApiAnswer, mmsError, notAuthorized } from './mms-errors';
import { standInPage } from './page';

export type { Fault } from './faults';
export type { Fixture } from './fixture';
export { formatDemoInstructions } from './instructions';

export interface SandboxOptions {
  host?: string;
  httpsPort?: number;
  /** 0 = also serve plain HTTP on a free port (Ops Manager profiles, Node tests); null = no HTTP. */
  httpPort?: number | null;
  fixture?: Fixture;
  nonceLifetimeMs?: number;
  acceptNonceReuse?: boolean;
  /**
   * false (default): a nonce, once issued, is accepted from any key, as Apache does. true: the first key to sign
   * with a nonce owns it; another key signing with it (right credentials) gets 401 stale=true.
   */
  nonceBoundToUser?: boolean;
  unlinkedStatus?: 'not-found' | 'not-synced';
  latencyMs?: number;
  certDir?: string;
}

export interface RequestLogEntry {
  time: number;
  method: string;
  path: string;
  status: number;
  authorized: boolean;
  errorCode?: string;
  username?: string;
  /** The org the path targets: the id in `/orgs/{id}...`, or the org of the project in `/groups/{id}`. */
  orgId?: string;
  /**
   * Set once the credentials are verified: true when a non-global key targets an org it does not belong to
   * (or a project of such an org); false otherwise. A well-behaved client never makes one.
   */
  crossOrg?: boolean;
}

export interface Sandbox {
  httpsUrl: string;
  httpUrl: string | null;
  httpsPort: number;
  httpPort: number | null;
  spki: string;
  certPath: string;
  fixture: Fixture;
  log: RequestLogEntry[];
  links: ReadonlyMap<string, LinkState>;
  clearLog(): void;
  setFaults(faults: Fault[]): void;
  clearFaults(): void;
  setLatency(ms: number): void;
  close(): Promise<void>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

export async function startSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const host = options.host ?? '127.0.0.1';
  const fixture = validateFixture(options.fixture ?? loadDemoFixture());
  const links = new Map<string, LinkState>();
  const ctx: ApiContext = { fixture, links, unlinkedStatus: options.unlinkedStatus ?? 'not-found' };
  const verifier = new DigestVerifier(
    {
      nonceLifetimeMs: options.nonceLifetimeMs ?? 60_000,
      acceptNonceReuse: options.acceptNonceReuse ?? true,
      nonceBoundToUser: options.nonceBoundToUser ?? false,
    },
    () => fixture.keys,
  );
  const faults = new FaultTable();
  const log: RequestLogEntry[] = [];
  let latencyMs = options.latencyMs ?? 0;
  const sweeper = setInterval(() => verifier.sweep(), 30_000);
  sweeper.unref();

  function send(res: ServerResponse, status: number, body: string | undefined, headers: Record<string, string>) {
    res.writeHead(status, headers);
    res.end(body);
  }

  function sendAnswer(res: ServerResponse, url: URL, answer: ApiAnswer, extraHeaders: Record<string, string> = {}) {
    const pretty = url.searchParams.get('pretty') === 'true';
    const envelope = url.searchParams.get('envelope') === 'true';
    let status = answer.status;
    let body = answer.body;
    if (envelope) {
      body = { status: answer.status, content: answer.body ?? null };
      status = 200;
    }
    const headers: Record<string, string> = { ...answer.headers, ...extraHeaders };
    if (body === undefined) return send(res, status, undefined, headers);
    headers['Content-Type'] = 'application/json';
    send(res, status, JSON.stringify(body, null, pretty ? 2 : 0), headers);
  }

  async function control(req: IncomingMessage, res: ServerResponse, url: URL) {
    const json = (status: number, value: unknown) =>
      send(res, status, JSON.stringify(value), { 'Content-Type': 'application/json' });
    const what = url.pathname.slice('/__sandbox/'.length);
    if (what === 'log' && req.method === 'GET') return json(200, log);
    if (what === 'log' && req.method === 'DELETE') {
      log.length = 0;
      return json(200, { ok: true });
    }
    if (what === 'faults' && req.method === 'PUT') {
      faults.set(JSON.parse(await readBody(req)) as Fault[]);
      return json(200, faults.list());
    }
    if (what === 'faults' && req.method === 'DELETE') {
      faults.clear();
      return json(200, []);
    }
    if (what === 'faults' && req.method === 'GET') return json(200, faults.list());
    if (what === 'latency' && req.method === 'PUT') {
      latencyMs = Number((JSON.parse(await readBody(req)) as { ms: number }).ms) || 0;
      return json(200, { ms: latencyMs });
    }
    if (what === 'state' && req.method === 'GET') return json(200, { links: Object.fromEntries(links) });
    return json(404, { error: 'unknown control endpoint' });
  }

  /** `listener`: 'https' is the "Cloud Manager" side, 'http' the "Ops Manager" side (where global keys exist). */
  async function api(req: IncomingMessage, res: ServerResponse, url: URL, listener: 'http' | 'https') {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = url.pathname + url.search;
    const header = req.headers.authorization;
    const entry: RequestLogEntry = { time: Date.now(), method, path, status: 0, authorized: Boolean(header) };
    const orgId = targetOrgId(fixture, url.pathname);
    if (orgId !== undefined) entry.orgId = orgId;
    log.push(entry);
    const body = await readBody(req);
    if (latencyMs > 0) await sleep(latencyMs);

    const infra = faults.take(method, url.pathname, 'infrastructure');
    if (infra?.kind === 'latency') await sleep(infra.ms ?? 1000);
    if (infra?.kind === 'slow') await sleep(infra.ms ?? 25_000);
    if (infra?.kind === 'reset') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (infra?.kind === 'html') {
      entry.status = 502;
      return send(
        res,
        502,
        '<html><head><title>502 Bad Gateway</title></head><body><h1>502 Bad Gateway</h1></body></html>',
        {
          'Content-Type': 'text/html',
        },
      );
    }

    const verdict = verifier.verify(method, path, header, (key) => listener === 'http' || !isGlobalKey(key));
    if (!verdict.ok) {
      const answer = notAuthorized();
      entry.status = 401;
      const challenge = verifier.challenge(verdict.stale);
      // A challenge is never wrapped in an envelope: clients must see the 401 to answer it.
      res.writeHead(401, { 'WWW-Authenticate': challenge, 'Content-Type': 'application/json' });
      res.end(JSON.stringify(answer.body));
      return;
    }
    entry.username = verdict.key.publicKey;
    entry.crossOrg = orgId !== undefined && !isGlobalKey(verdict.key) && !verdict.key.roles[orgId];

    const app = faults.take(method, url.pathname, 'application');
    let answer: ApiAnswer;
    const extra: Record<string, string> = {};
    if (app?.kind === 'rate-limit') {
      const seconds = app.retryAfterSeconds ?? 2;
      answer = mmsError(429, 'RATE_LIMITED', 'Too many requests: the rate limit for this API key was exceeded.');
      extra['Retry-After'] = String(seconds);
    } else if (app?.kind === 'server-error') {
      answer = mmsError(500, 'UNEXPECTED_ERROR', 'Unexpected error.');
    } else if (app?.kind === 'upgrade') {
      answer = mmsError(
        405,
        'WRITES_NOT_ALLOWED_DURING_APP_UPGRADES',
        'Writes are not allowed during application upgrades.',
      );
    } else {
      answer = answerApi(
        ctx,
        { method, path: url.pathname, body, ip: req.socket.remoteAddress ?? '', query: url.searchParams },
        verdict.key,
      );
    }
    entry.status = answer.status;
    entry.errorCode = answer.errorCode;
    sendAnswer(res, url, answer, extra);
  }

  const handler = (listener: 'http' | 'https') => (req: IncomingMessage, res: ServerResponse) =>
    handle(req, res, listener);

  async function handle(req: IncomingMessage, res: ServerResponse, listener: 'http' | 'https') {
    const url = new URL(req.url ?? '/', 'http://sandbox');
    try {
      if (url.pathname.startsWith('/__sandbox/')) return await control(req, res, url);
      if (url.pathname.startsWith('/api/public/v1.0/')) return await api(req, res, url, listener);
      if (url.pathname === '/') return send(res, 302, undefined, { Location: '/v2' });
      if (url.pathname === '/favicon.ico') return send(res, 204, undefined, {});
      if (url.pathname === '/v2' || url.pathname.startsWith('/v2/')) {
        return send(res, 200, standInPage(fixture), { 'Content-Type': 'text/html; charset=utf-8' });
      }
      send(res, 404, 'Not found', { 'Content-Type': 'text/plain' });
    } catch (error) {
      if (!res.headersSent)
        send(res, 500, JSON.stringify({ error: String(error) }), { 'Content-Type': 'application/json' });
    }
  }

  const cert = await makeCert(options.certDir ?? mkdtempSync(join(tmpdir(), 'cm-sandbox-cert-')));
  const listen = (server: Server, port: number) =>
    new Promise<number>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, host, () => resolve((server.address() as AddressInfo).port));
    });
  const servers: Server[] = [];
  const https = createHttpsServer({ cert: cert.cert, key: cert.key }, handler('https'));
  servers.push(https);
  const httpsPort = await listen(https, options.httpsPort ?? 0);
  let httpPort: number | null = null;
  if (options.httpPort !== null) {
    const http = createHttpServer(handler('http'));
    servers.push(http);
    httpPort = await listen(http, options.httpPort ?? 0);
  }

  return {
    httpsUrl: `https://${host}:${httpsPort}`,
    httpUrl: httpPort === null ? null : `http://${host}:${httpPort}`,
    httpsPort,
    httpPort,
    spki: cert.spki,
    certPath: cert.certPath,
    fixture,
    log,
    links,
    clearLog: () => {
      log.length = 0;
    },
    setFaults: (list) => faults.set(list),
    clearFaults: () => faults.clear(),
    setLatency: (ms) => {
      latencyMs = ms;
    },
    close: async () => {
      clearInterval(sweeper);
      await Promise.all(
        servers.map(
          (s) =>
            new Promise<void>((resolve) => {
              s.close(() => resolve());
              s.closeAllConnections();
            }),
        ),
      );
    },
  };
}
