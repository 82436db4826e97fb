// Starts Debian's apache2 with mod_auth_digest on a free loopback port from a temp ServerRoot, for the interop
// test: a static file, a reflector that echoes POST bodies, a short-lived-nonce directory, and an access log.
import { type ChildProcess, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Overridable only to check the skip / CI-failure path. */
export const APACHE = process.env.DIGEST_INTEROP_APACHE ?? '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
// A comma and spaces inside the quoted realm. No `"`: Apache sends AuthName "a \"b\"" escaped on the wire but keeps
// the backslashes in the realm it compares with, so any RFC-conforming client (this one, curl) gets
// "AH01788: realm mismatch". An Apache quirk, checked once by hand, not a client bug.
export const REALM = 'MMS Public API, interop';
export const USER = { username: 'abcdefgh', password: '0b8f2c4e-1d3a-4e5f-9a7b-6c5d4e3f2a1b' };

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface Apache {
  origin: string;
  /** Access-log lines ("METHOD /path?query status") written since the last call, waiting until `expected`. */
  logSince(expected: number): Promise<string[]>;
  errorLog(): string;
  stop(): Promise<void>;
}

export async function startApache(): Promise<Apache> {
  const root = mkdtempSync(join(tmpdir(), 'digest-apache-'));
  chmodSync(root, 0o755); // the workers run as www-data when started by root
  mkdirSync(join(root, 'htdocs', 'short'), { recursive: true });
  writeFileSync(join(root, 'htdocs', 'index.txt'), 'hello from apache\n');
  writeFileSync(join(root, 'htdocs', 'short', 'index.txt'), 'short-lived nonces\n');
  // htdigest format: user:realm:MD5(user:realm:password), written by hand.
  const ha1 = createHash('md5').update(`${USER.username}:${REALM}:${USER.password}`).digest('hex');
  writeFileSync(join(root, 'htdigest'), `${USER.username}:${REALM}:${ha1}\n`);
  const port = await freePort();
  const runAs = process.getuid?.() === 0 ? ['User www-data', 'Group www-data'] : [];
  const modules = [
    ['mpm_event', 'mpm_event'],
    ['authn_core', 'authn_core'],
    ['authn_file', 'authn_file'],
    ['authz_core', 'authz_core'],
    ['authz_user', 'authz_user'],
    ['auth_digest', 'auth_digest'],
    ['mime', 'mime'],
    ['reflector', 'reflector'],
  ].map(([name, file]) => `LoadModule ${name}_module ${MODULES}/mod_${file}.so`);
  const conf = [
    `ServerRoot "${root}"`,
    `Listen 127.0.0.1:${port}`,
    'ServerName 127.0.0.1',
    ...modules,
    ...runAs,
    `PidFile "${root}/httpd.pid"`,
    `DefaultRuntimeDir "${root}"`,
    `ErrorLog "${root}/error.log"`,
    'LogLevel warn auth_digest:info',
    'LogFormat "%m %U%q %>s" digest',
    `CustomLog "${root}/access.log" digest`,
    'TypesConfig /dev/null',
    `DocumentRoot "${root}/htdocs"`,
    `<Directory "${root}/htdocs">`,
    '  AuthType Digest',
    `  AuthName "${REALM}"`,
    '  AuthDigestProvider file',
    `  AuthUserFile "${root}/htdigest"`,
    '  Require valid-user',
    '</Directory>',
    `<Directory "${root}/htdocs/short">`,
    '  AuthDigestNonceLifetime 1',
    '</Directory>',
    '<Location "/echo">',
    '  SetHandler reflector',
    '</Location>',
    '',
  ].join('\n');
  writeFileSync(join(root, 'httpd.conf'), conf);
  writeFileSync(join(root, 'access.log'), '');
  chmodSync(join(root, 'access.log'), 0o644);

  const child: ChildProcess = spawn(APACHE, ['-f', join(root, 'httpd.conf'), '-DFOREGROUND'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const errorLog = () => {
    try {
      return readFileSync(join(root, 'error.log'), 'utf8');
    } catch {
      return '';
    }
  };
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3_000))]);
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    }
    rmSync(root, { recursive: true, force: true });
  };

  const origin = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 8_000;
  for (;;) {
    if (child.exitCode !== null) {
      const detail = `${output}\n${errorLog()}`;
      await stop();
      throw new Error(`apache2 exited during start-up (code ${child.exitCode}):\n${detail}`);
    }
    try {
      await fetch(`${origin}/ready-probe`, { signal: AbortSignal.timeout(500) });
      break;
    } catch {
      if (Date.now() > deadline) {
        await stop();
        throw new Error(`apache2 did not listen on ${origin} within 8 s:\n${output}\n${errorLog()}`);
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  let consumed = 0;
  const lines = () => readFileSync(join(root, 'access.log'), 'utf8').split('\n').filter(Boolean);
  // The probe's 401 is not part of any test.
  for (let i = 0; i < 40 && lines().length === 0; i++) await new Promise((r) => setTimeout(r, 25));
  consumed = lines().length;

  return {
    origin,
    errorLog,
    stop,
    async logSince(expected) {
      // Apache writes a line after the answer is sent: wait for the expected lines, then a little for extras.
      const until = Date.now() + 2_000;
      while (lines().length - consumed < expected && Date.now() < until) await new Promise((r) => setTimeout(r, 20));
      await new Promise((r) => setTimeout(r, 60));
      const all = lines();
      const fresh = all.slice(consumed);
      consumed = all.length;
      return fresh;
    },
  };
}
