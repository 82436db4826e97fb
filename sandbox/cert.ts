// A self-signed certificate for cloud.mongodb.com made at start, and the base64 SHA-256 of its SPKI, which
// Chromium accepts with --ignore-certificate-errors-spki-list (so no CA is installed anywhere).
import { createHash, X509Certificate } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import selfsigned from 'selfsigned';

export interface SandboxCert {
  cert: string;
  key: string;
  spki: string;
  certPath: string;
  spkiPath: string;
}

export function spkiHash(certPem: string): string {
  const der = new X509Certificate(certPem).publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('base64');
}

export async function makeCert(dir: string): Promise<SandboxCert> {
  const pems = await selfsigned.generate([{ name: 'commonName', value: 'cloud.mongodb.com' }], {
    keySize: 2048,
    algorithm: 'sha256',
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'cloud.mongodb.com' },
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
        ],
      },
    ],
  });
  mkdirSync(dir, { recursive: true });
  const spki = spkiHash(pems.cert);
  const certPath = join(dir, 'cert.pem');
  const spkiPath = join(dir, 'spki.txt');
  writeFileSync(certPath, pems.cert);
  writeFileSync(join(dir, 'key.pem'), pems.private, { mode: 0o600 });
  writeFileSync(spkiPath, `${spki}\n`);
  return { cert: pems.cert, key: pems.private, spki, certPath, spkiPath };
}
