// Starts Debian's lighttpd (mod_auth + mod_authn_file htdigest) on a free loopback port from a temp root, for the
// interop test: Digest offered as SHA-256 and MD5 with charset=UTF-8, a static file, a CGI that echoes POST bodies.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningServer, runServer } from './interop-support';

/** Overridable only to check the skip / CI-failure path. */
export const LIGHTTPD = process.env.DIGEST_INTEROP_LIGHTTPD ?? '/usr/sbin/lighttpd';
export const REALM = 'MMS Public API, interop';
export const USERS = {
  ascii: { username: 'abcdefgh', password: '0b8f2c4e-1d3a-4e5f-9a7b-6c5d4e3f2a1b' },
  /** Sent as username*=UTF-8''… (RFC 7616 §3.4.4), since the challenge says charset=UTF-8. */
  utf8: { username: 'J\u00e4s\u00f8n Doe', password: 'Secret, or not?' },
};

const lit = (s: string) => JSON.stringify(s); // lighttpd strings take the same escapes as JSON here

export async function startLighttpd(): Promise<RunningServer> {
  const root = mkdtempSync(join(tmpdir(), 'digest-lighttpd-'));
  mkdirSync(join(root, 'htdocs'));
  writeFileSync(join(root, 'htdocs', 'index.txt'), 'hello from lighttpd\n');
  writeFileSync(
    join(root, 'htdocs', 'echo.sh'),
    '#!/bin/sh\nprintf "Content-Type: application/octet-stream\\r\\n\\r\\n"\nexec cat\n',
  );
  // htdigest lines with SHA-256 H(A1): the SHA-256 challenge is the one to answer, MD5 would find no match.
  const lines = Object.values(USERS).map(({ username, password }) => {
    const ha1 = createHash('sha256').update(`${username}:${REALM}:${password}`, 'utf8').digest('hex');
    return `${username}:${REALM}:${ha1}\n`;
  });
  writeFileSync(join(root, 'htdigest'), lines.join(''));
  const port = await freePort();
  const conf = [
    'server.modules = ("mod_auth", "mod_authn_file", "mod_cgi", "mod_accesslog")',
    `server.document-root = ${lit(join(root, 'htdocs'))}`,
    'server.bind = "127.0.0.1"',
    `server.port = ${port}`,
    `server.errorlog = ${lit(join(root, 'error.log'))}`,
    // A file log is flushed every few seconds; a piped one line by line.
    `accesslog.filename = ${lit(`|/bin/sh -c 'exec cat >> ${join(root, 'access.log')}'`)}`,
    'accesslog.format = "%r %s"',
    'cgi.assign = (".sh" => "/bin/sh")',
    'auth.backend = "htdigest"',
    `auth.backend.htdigest.userfile = ${lit(join(root, 'htdigest'))}`,
    `auth.require = ( "/" => ( "method" => "digest", "algorithm" => "SHA-256|MD5", "realm" => ${lit(REALM)}, "require" => "valid-user" ) )`,
    '',
  ].join('\n');
  writeFileSync(join(root, 'lighttpd.conf'), conf);
  return runServer({
    binary: LIGHTTPD,
    args: ['-D', '-f', join(root, 'lighttpd.conf')],
    root,
    port,
    errorLogPath: join(root, 'error.log'),
    accessLogPath: join(root, 'access.log'),
    // "GET /index.txt?a=1 HTTP/1.1 200" → "GET /index.txt?a=1 200", as Apache's lines read.
    shape: (line) => line.replace(/ HTTP\/1\.[01] /, ' '),
  });
}
