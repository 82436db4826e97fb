// Serves MongoDB's published answers (test/fixtures/recorded) over real HTTP on 127.0.0.1, so the extension's real
// core clients (Digest, the Cloud Manager and Atlas API layers) read them as they would read the service. It does not
// verify signatures (the sandbox does that): a request without Authorization gets the service's recorded challenge,
// a signed one the answer under test.
import { readFileSync } from 'node:fs';
import { createServer, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join, resolve } from 'node:path';

export const RECORDED_DIR = resolve('test/fixtures/recorded');

export interface Answer {
  status: number;
  headers: [string, string][];
  body: string;
}

/** Parses a .snaphost file (the Atlas CLI's recording: status line, headers, blank line, body) byte for byte. */
export function readSnaphost(file: string): Answer {
  const text = readFileSync(join(RECORDED_DIR, file), 'utf8');
  const split = text.indexOf('\r\n\r\n') >= 0 ? '\r\n' : '\n';
  const end = text.indexOf(split + split);
  const [statusLine = '', ...lines] = text.slice(0, end).split(split);
  const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
  if (!Number.isInteger(status)) throw new Error(`${file}: no status line`);
  const headers = lines.map((line): [string, string] => {
    const colon = line.indexOf(':');
    return [line.slice(0, colon), line.slice(colon + 1).trim()];
  });
  return { status, headers, body: text.slice(end + split.length * 2) };
}

/** A documented example (the spec's JSON body) as the answer it documents, in the spec's media type. */
export function readDocumented(file: string, status: number, headers: [string, string][] = []): Answer {
  const body = readFileSync(join(RECORDED_DIR, file), 'utf8');
  return { status, headers: [['Content-Type', 'application/json'], ...headers], body };
}

export interface Seen {
  method: string;
  path: string;
  signed: boolean;
  body: string;
}

export interface Replay {
  baseUrl: string;
  seen: Seen[];
  close(): Promise<void>;
}

// Headers the replay's own connection decides: copying the recording's would describe another transfer.
const HOP_HEADERS = new Set(['content-length', 'transfer-encoding', 'connection', 'date']);

async function bodyOf(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Starts the replay: `answer` picks the published answer for each signed request; every unsigned one gets
 * `challenge` (the recorded 401 with its Digest challenge).
 */
export async function startReplay(challenge: Answer, answer: (seen: Seen, index: number) => Answer): Promise<Replay> {
  const seen: Seen[] = [];
  let signedCount = 0;
  const server = createServer(async (req, res) => {
    const entry: Seen = {
      method: req.method ?? '',
      path: req.url ?? '',
      signed: typeof req.headers.authorization === 'string',
      body: await bodyOf(req),
    };
    seen.push(entry);
    const chosen = entry.signed ? answer(entry, signedCount++) : challenge;
    for (const [name, value] of chosen.headers) {
      if (!HOP_HEADERS.has(name.toLowerCase())) res.setHeader(name, value);
    }
    res.statusCode = chosen.status;
    res.end(chosen.body);
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    seen,
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
