// Real HTTP servers on 127.0.0.1 (ephemeral ports) for what only a real fetch shows: a Digest server whose
// verification is fakeDigestServer's and which can answer with a redirect, and a bystander that records every request.
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fakeDigestServer, type ServerOptions } from './fake-digest-server';

export type RecordedCall = { method: string; path: string; authorization: string | undefined; body: string };

export interface LoopbackServer {
  origin: string;
  /** host:port, as URL.host writes it. */
  host: string;
  /** Every request received, in order. */
  calls: RecordedCall[];
  close(): Promise<void>;
}

export type Answer = (call: RecordedCall) => { status: number; headers?: Record<string, string>; body?: string };

async function readBody(request: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

async function listen(
  handle: (request: IncomingMessage, body: Buffer, call: RecordedCall, response: ServerResponse) => Promise<void>,
): Promise<LoopbackServer> {
  const calls: RecordedCall[] = [];
  const server: Server = createServer(async (request, response) => {
    const body = await readBody(request);
    const call = {
      method: request.method ?? 'GET',
      path: request.url ?? '/',
      authorization: request.headers.authorization,
      body: body.toString('utf8'),
    };
    calls.push(call);
    await handle(request, body, call, response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    calls,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A server that answers every request with `answer` (by default 200 {"status":"SYNCED"}) and records it. */
export function startRecordingServer(answer?: Answer): Promise<LoopbackServer> {
  const reply: Answer =
    answer ?? (() => ({ status: 200, headers: { 'content-type': 'application/json' }, body: '{"status":"SYNCED"}' }));
  return listen(async (_request, _body, call, response) => {
    const { status, headers, body } = reply(call);
    response.writeHead(status, headers);
    response.end(body);
  });
}

export interface DigestServerOptions extends ServerOptions {
  /** What a request the Digest check accepted is answered with (default 200 {"status":"SYNCED"}). */
  signed?: Answer;
  /** Answers the unsigned first request instead of the challenge. */
  unsigned?: Answer;
}

/** A Digest server (fakeDigestServer's challenges and checks) whose answers to accepted requests are chosen by test. */
export function startDigestServer(options: DigestServerOptions = {}): Promise<LoopbackServer> {
  const digest = fakeDigestServer(options);
  const json = { 'content-type': 'application/json' };
  const signed: Answer = options.signed ?? (() => ({ status: 200, headers: json, body: '{"status":"SYNCED"}' }));
  return listen(async (request, body, call, response) => {
    if (!call.authorization && options.unsigned) {
      const { status, headers, body: text } = options.unsigned(call);
      response.writeHead(status, headers);
      response.end(text);
      return;
    }
    const headers = new Headers();
    for (const [name, value] of Object.entries(request.headers)) {
      if (typeof value === 'string') headers.set(name, value);
    }
    const checked = await digest.fetch(`http://${request.headers.host}${call.path}`, {
      method: call.method,
      headers,
      body: body.length > 0 ? new Uint8Array(body) : undefined,
    });
    if (checked.status === 200) {
      const answer = signed(call);
      response.writeHead(answer.status, answer.headers);
      response.end(answer.body);
      return;
    }
    response.writeHead(checked.status, Object.fromEntries(checked.headers));
    response.end(await checked.text());
  });
}

/** A loopback port nothing listens on (it was free a moment ago). */
export async function closedPort(): Promise<number> {
  const server = await startRecordingServer();
  const port = Number(server.host.split(':')[1]);
  await server.close();
  return port;
}
