// Starts Debian's apache2 with mod_auth_digest on a free loopback port from a temp ServerRoot, for the interop
// test: a static file, a reflector that echoes POST bodies, a short-lived-nonce directory, and an access log.
import { createHash } from 'node:crypto';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, type RunningServer, runServer } from './interop-support';

/** Overridable only to check the skip / CI-failure path. */
export const APACHE = process.env.DIGEST_INTEROP_APACHE ?? '/usr/sbin/apache2';
const MODULES = '/usr/lib/apache2/modules';
// A comma and spaces inside the quoted realm. No `"`: Apache sends AuthName "a \"b\"" escaped on the wire but keeps
// the backslashes in the realm it compares with, so any RFC-conforming client (this one, curl) gets
// "AH01788: realm mismatch". An Apache quirk, checked once by hand, not a client bug.
export const REALM = 'MMS Public API, interop';
export const USER = { username: 'abcdefgh', password: '0b8f2c4e-1d3a-4e5f-9a7b-6c5d4e3f2a1b' };

export type Apache = RunningServer;

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
    '  AuthDigestNonceLifetime 4',
    '</Directory>',
    '<Location "/echo">',
    '  SetHandler reflector',
    '</Location>',
    '',
  ].join('\n');
  writeFileSync(join(root, 'httpd.conf'), conf);
  writeFileSync(join(root, 'access.log'), '');
  chmodSync(join(root, 'access.log'), 0o644);

  return runServer({
    binary: APACHE,
    args: ['-f', join(root, 'httpd.conf'), '-DFOREGROUND'],
    root,
    port,
    errorLogPath: join(root, 'error.log'),
    accessLogPath: join(root, 'access.log'),
  });
}
