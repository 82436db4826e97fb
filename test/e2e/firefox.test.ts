// Smoke test of the same build in Firefox ESR (Debian's firefox-esr), headless: web-ext installs it as a
// temporary add-on, which Firefox refuses when the manifest or the background scripts fallback is wrong.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { DIST } from './harness';

const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
const missing = !existsSync(FIREFOX);
if (missing && process.env.CI) throw new Error(`Firefox ESR not found at ${FIREFOX}: apt-get install -y firefox-esr`);
if (missing) console.warn('firefox-esr not found: the Firefox smoke test is skipped (apt-get install -y firefox-esr)');

describe.skipIf(missing)('Firefox ESR', () => {
  it('installs the build as a temporary add-on', async () => {
    const child = spawn(
      'npx',
      [
        'web-ext',
        'run',
        '--source-dir',
        DIST,
        '--firefox',
        FIREFOX,
        '--no-input',
        '--no-reload',
        '--target',
        'firefox-desktop',
      ],
      { env: { ...process.env, MOZ_HEADLESS: '1' }, detached: true },
    );
    let output = '';
    child.stdout.on('data', (d) => {
      output += String(d);
    });
    child.stderr.on('data', (d) => {
      output += String(d);
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no install within 60 s:\n${output}`)), 60_000);
        const check = setInterval(() => {
          if (/Installed .* as a temporary add-on/.test(output) || /error/i.test(output)) {
            clearInterval(check);
            clearTimeout(timer);
            resolve();
          }
        }, 100);
      });
      expect(output).toMatch(/Installed .* as a temporary add-on/);
      expect(output).not.toMatch(/error/i);
    } finally {
      if (child.pid) process.kill(-child.pid, 'SIGTERM');
    }
  });
});
