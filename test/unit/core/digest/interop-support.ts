// What the interop tests share: a free loopback port, waiting for a server to listen, reading its access log
// line by line, and the rule for a missing server binary (skip with a warning; fail when CI is set).
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { describe, it } from 'vitest';
import { createDigestFetch, createMemoryNonceStore, type DigestCredentials } from '../../../../src/core/digest';
import { parseDigestHeader } from './reference';

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

/** A client on the real fetch whose every request's Authorization and every answer's headers are recorded. */
export function recordingClient(credentials: DigestCredentials) {
  const sent: Record<string, string>[] = [];
  const infos: Record<string, string>[] = [];
  const challenges: (string | null)[] = [];
  const digestFetch = createDigestFetch(credentials, {
    store: createMemoryNonceStore(),
    timeoutMs: 5_000,
    fetch: async (input, init) => {
      const authorization = new Headers(init?.headers).get('authorization');
      sent.push(authorization ? parseDigestHeader(authorization) : {});
      const response = await fetch(input, init);
      const info = response.headers.get('authentication-info');
      infos.push(info ? parseDigestHeader(`Digest ${info}`) : {});
      challenges.push(response.headers.get('www-authenticate'));
      return response;
    },
  });
  return { digestFetch, sent, infos, challenges };
}

/** True when the binary is there; otherwise registers a failing test under CI, or warns and lets the suite skip. */
export function serverAvailable(binary: string, name: string, install: string): boolean {
  if (existsSync(binary)) return true;
  if (process.env.CI) {
    describe(`${name} interop`, () => {
      it(`needs ${binary}`, () => {
        throw new Error(`${binary} is missing: ${install} (CI must run the Digest interop test against ${name}).`);
      });
    });
  } else {
    console.warn(`Digest interop test against ${name} skipped: ${binary} is not installed (${install}).`);
  }
  return false;
}

/** Polls until `origin` answers (any status), failing with the server's output if it exits or never listens. */
async function waitUntilListening(origin: string, child: ChildProcess, describeFailure: () => string): Promise<void> {
  const deadline = Date.now() + 8_000;
  for (;;) {
    if (child.exitCode !== null)
      throw new Error(`the server exited during start-up (code ${child.exitCode}):\n${describeFailure()}`);
    try {
      await fetch(`${origin}/ready-probe`, { signal: AbortSignal.timeout(500) });
      return;
    } catch {
      if (Date.now() > deadline)
        throw new Error(`the server did not listen on ${origin} within 8 s:\n${describeFailure()}`);
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

/**
 * An access log read in order: `since(n)` waits for n new lines (servers write them after answering), then a
 * little longer so an extra request would show, and returns every line new since the last call, normalised by
 * `shape`.
 */
function accessLog(path: string, shape: (line: string) => string = (l) => l) {
  const lines = () => {
    try {
      return readFileSync(path, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  let consumed = 0;
  return {
    /** Skips what is already written (the readiness probe). */
    async settle(): Promise<void> {
      for (let i = 0; i < 40 && lines().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
      consumed = lines().length;
    },
    async since(expected: number): Promise<string[]> {
      const until = Date.now() + 3_000;
      while (lines().length - consumed < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 80));
      const all = lines();
      const fresh = all.slice(consumed);
      consumed = all.length;
      return fresh.map(shape);
    },
  };
}

export interface RunningServer {
  origin: string;
  /** Access-log lines ("METHOD /path?query status") written since the last call, waiting until `expected`. */
  logSince(expected: number): Promise<string[]>;
  errorLog(): string;
  stop(): Promise<void>;
}

const readOr = (path: string) => {
  try {
    return readFileSync(path, 'utf8');
  } catch {
    return '';
  }
};

/** Starts a server in the foreground from its temp root (removed on stop) and waits until it listens. */
export async function runServer(o: {
  binary: string;
  args: string[];
  root: string;
  port: number;
  errorLogPath: string;
  accessLogPath: string;
  shape?: (line: string) => string;
}): Promise<RunningServer> {
  const child = spawn(o.binary, o.args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () => readOr(o.errorLogPath);
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(o.root, { recursive: true, force: true });
  };
  const origin = `http://127.0.0.1:${o.port}`;
  try {
    await waitUntilListening(origin, child, () => `${output}\n${errorLog()}`);
  } catch (error) {
    await stop();
    throw error;
  }
  const log = accessLog(o.accessLogPath, o.shape);
  await log.settle(); // the readiness probe's 401 is not part of any test
  return { origin, errorLog, stop, logSince: log.since };
}
