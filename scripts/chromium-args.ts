// The Chromium command line that loads the built extension and sends cloud.mongodb.com to the sandbox.
// Shared by `npm start`, the end-to-end tests and the benchmarks so all three run the product the same way.
import { existsSync } from 'node:fs';

export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install it (Debian/Ubuntu: sudo apt-get install -y chromium) or set CHROME_PATH ` +
        'to a Chromium or Chrome for Testing binary (Google-branded Chrome 137+ ignores --load-extension).',
    );
  }
  return path;
}

export function chromiumArgs(options: { extensionDir: string; httpsPort: number; spki: string }): string[] {
  const args = [
    `--disable-extensions-except=${options.extensionDir}`,
    `--load-extension=${options.extensionDir}`,
    '--disable-gpu',
    '--disable-quic',
    '--no-first-run',
    '--no-default-browser-check',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    `--host-resolver-rules=MAP cloud.mongodb.com 127.0.0.1:${options.httpsPort}`,
    `--ignore-certificate-errors-spki-list=${options.spki}`,
  ];
  // Chromium refuses to run as root with its sandbox on.
  if (process.getuid?.() === 0) args.push('--no-sandbox');
  return args;
}
