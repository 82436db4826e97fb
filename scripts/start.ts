// `npm start`: build the extension, start the sandbox, and open Chromium with the extension loaded and
// cloud.mongodb.com mapped to the sandbox, on a sandbox org page. Prints what to paste into the popup.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { formatDemoInstructions, startSandbox } from '../sandbox/server.ts';
import { chromiumArgs, chromiumPath } from './chromium-args.ts';

const headless = process.argv.includes('--headless');
// `npm start -- --lang=ko`: Chromium (and so the extension) in Korean; needs Debian's chromium-l10n.
const lang = process.argv.find((a) => a.startsWith('--lang='))?.slice('--lang='.length);
if (!headless && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
  console.error(
    [
      'No display found: `npm start` opens a browser window.',
      '  On a desktop, run it from a graphical session.',
      '  On a server, run it under a virtual display:  xvfb-run -a npm start   (Debian: apt-get install -y xvfb)',
      '  Or run the sandbox alone and use your own Chromium:  npm run sandbox',
    ].join('\n'),
  );
  process.exit(1);
}

const browserPath = chromiumPath();
console.log('Building the extension (vite build)…');
const build = spawnSync('npx', ['vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.status !== 0) process.exit(build.status ?? 1);

const sandbox = await startSandbox({ httpsPort: 0, httpPort: 0 });
const extensionDir = resolve('dist');
const orgId = sandbox.fixture.orgs.find((o) => o.kind !== 'atlas')?.id;
const profileDir = mkdtempSync(join(tmpdir(), 'cm-atlas-link-profile-'));
const args = [
  ...chromiumArgs({ extensionDir, httpsPort: sandbox.httpsPort, spki: sandbox.spki }),
  `--user-data-dir=${profileDir}`,
  ...(headless ? ['--headless=new', '--remote-debugging-port=0'] : []),
  ...(lang ? [`--lang=${lang}`] : []),
  `https://cloud.mongodb.com/v2#/org/${orgId}/projects`,
];
const browser = spawn(browserPath, args, {
  stdio: 'ignore',
  env: lang ? { ...process.env, LANGUAGE: lang } : process.env,
});
console.log(formatDemoInstructions(sandbox));
console.log(`\nChromium is open with the extension from ${extensionDir} (profile: ${profileDir}).`);
console.log('Click the extension icon (puzzle piece → Atlas Link) on the org tab. Ctrl+C here stops everything.');

const stop = async () => {
  browser.kill();
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
browser.on('exit', (code) => {
  console.log(`Chromium exited (${code ?? 'signal'}); the sandbox keeps running until Ctrl+C.`);
});
