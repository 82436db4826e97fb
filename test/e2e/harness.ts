// Launches the production build in Debian's Chromium (headless) against an in-process sandbox, with
// cloud.mongodb.com mapped to it, and drives the real toolbar popup (chrome.action.openPopup) through a second
// CDP connection — the path a user takes, with no test mode in the extension.
import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page, type Worker } from 'playwright-core';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server.ts';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium-args.ts';

// E2E_DIST lets several people build and test at once without sharing dist/.
export const DIST = resolve(process.env.E2E_DIST ?? 'dist');
export const SHOTS = resolve('test-results/screenshots');

export interface ExtensionRun {
  context: BrowserContext;
  sandbox: Sandbox;
  extensionId: string;
  /** The browser's DevTools endpoint, for a CDP connection of one's own (an action popup is listed only on a new one). */
  cdpEndpoint: string;
  /** Console lines of every page and worker of the extension, for the secret scan. */
  consoleLines: string[];
  worker(): Promise<Worker>;
  openTab(url: string): Promise<Page>;
  openPopup(forTab: Page): Promise<PopupHandle>;
  close(): Promise<void>;
}

export interface PopupHandle {
  page: Page;
  close(): Promise<void>;
}

// Workers stopped through CDP: Playwright may keep listing them for a while.
const stoppedWorkers = new WeakSet<Worker>();

export interface LaunchOptions {
  /** Chromium's UI language (e.g. 'ko'); the extension's i18n follows it. Needs Debian's chromium-l10n. */
  locale?: string;
  /** The unpacked extension to load (default DIST); a copy elsewhere gets an id of its own (made from its path). */
  extensionDir?: string;
  /** Further unpacked extensions to load beside it in the same browser (the bench's minimal popup). */
  alsoLoad?: string[];
}

/** The id Chromium gives an unpacked extension: made from its absolute path (SHA-256, 32 letters a–p). */
export function unpackedExtensionId(dir: string): string {
  const hex = createHash('sha256').update(realpathSync(dir)).digest('hex').slice(0, 32);
  return [...hex].map((c) => String.fromCharCode(97 + Number.parseInt(c, 16))).join('');
}

export async function launchExtension(
  sandboxOptions: SandboxOptions = {},
  options: LaunchOptions = {},
): Promise<ExtensionRun> {
  const sandbox = await startSandbox({ httpsPort: 0, httpPort: 0, ...sandboxOptions });
  // One key pair, one org: every call of the whole run is checked, including those a test cleared from the log.
  const crossed: string[] = [];
  const collectCrossed = () => {
    for (const e of sandbox.log) if (e.crossOrg) crossed.push(`${e.method} ${e.path} signed by ${e.username}`);
  };
  const clearLog = sandbox.clearLog;
  sandbox.clearLog = () => {
    collectCrossed();
    clearLog();
  };
  const profileDir = mkdtempSync(join(tmpdir(), 'e2e-profile-'));
  const context = await chromium.launchPersistentContext(profileDir, {
    executablePath: chromiumPath(),
    headless: true,
    ignoreDefaultArgs: ['--disable-extensions'],
    ...(options.locale ? { env: { ...process.env, LANGUAGE: options.locale } } : {}),
    args: [
      ...chromiumArgs({
        extensionDir: [options.extensionDir ?? DIST, ...(options.alsoLoad ?? [])].join(','),
        httpsPort: sandbox.httpsPort,
        spki: sandbox.spki,
      }),
      '--no-sandbox',
      // CDP's Extensions domain (Extensions.triggerAction opens an action popup without waking the worker).
      ...(options.alsoLoad ? ['--enable-unsafe-extension-debugging'] : []),
      '--remote-debugging-port=0',
      ...(options.locale ? [`--lang=${options.locale}`] : []),
    ],
  });
  const consoleLines: string[] = [];
  const others = new Set((options.alsoLoad ?? []).map(unpackedExtensionId));
  const ours = (w: Worker) => !others.has(new URL(w.url()).host);
  const firstWorker =
    context.serviceWorkers().find(ours) ?? (await context.waitForEvent('serviceworker', { predicate: ours }));
  const extensionId = new URL(firstWorker.url()).host;
  const watchWorker = (w: Worker) => w.on('console', (m) => consoleLines.push(`[worker] ${m.text()}`));
  watchWorker(firstWorker);
  context.on('serviceworker', watchWorker);
  context.on('page', (p) => p.on('console', (m) => consoleLines.push(`[page] ${m.text()}`)));
  const port = readFileSync(join(profileDir, 'DevToolsActivePort'), 'utf8').split('\n')[0];
  const viewers: Browser[] = [];

  const worker = async (): Promise<Worker> => {
    const live = context
      .serviceWorkers()
      .find((w) => !stoppedWorkers.has(w) && w.url().startsWith(`chrome-extension://${extensionId}/`));
    if (live) return live;
    // The worker was stopped: any extension event wakes it; opening an extension page is the simplest. Playwright's
    // first connection does not always see a restarted worker, so look through a fresh CDP connection.
    const page = await context.newPage();
    await page.goto(`chrome-extension://${extensionId}/src/options/index.html`);
    try {
      for (let i = 0; i < 50; i++) {
        const viewer = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
        viewers.push(viewer);
        const woke = viewer
          .contexts()
          .flatMap((c) => c.serviceWorkers())
          .find((w) => w.url().startsWith(`chrome-extension://${extensionId}/`));
        if (woke) {
          woke.on('console', (m) => consoleLines.push(`[worker] ${m.text()}`));
          woke.on('close', () => stoppedWorkers.add(woke));
          return woke;
        }
        await new Promise((r) => setTimeout(r, 100));
      }
    } finally {
      await page.close();
    }
    throw new Error('the service worker did not start again');
  };

  return {
    context,
    sandbox,
    extensionId,
    cdpEndpoint: `http://127.0.0.1:${port}`,
    consoleLines,
    worker,
    async openTab(url) {
      const page = await context.newPage();
      page.on('console', (m) => consoleLines.push(`[tab] ${m.text()}`));
      await page.goto(url);
      return page;
    },
    async openPopup(forTab) {
      // A popup left open (a failed test) would be found instead of the new one: close it first.
      const sweeper = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
      for (const stale of sweeper.contexts().flatMap((c) => c.pages())) {
        if (stale.url().includes(`${extensionId}/src/popup/index.html`)) await stale.close().catch(() => undefined);
      }
      await sweeper.close().catch(() => undefined);
      await forTab.bringToFront();
      const w = await worker();
      await w.evaluate(() => chrome.action.openPopup());
      // Playwright lists an action popup only on a CDP connection made after the popup opened.
      let viewer: Browser | undefined;
      let page: Page | undefined;
      for (let attempt = 0; attempt < 40 && !page; attempt++) {
        await viewer?.close().catch(() => undefined);
        viewer = await chromium.connectOverCDP(`http://127.0.0.1:${port}`);
        page = viewer
          .contexts()
          .flatMap((c) => c.pages())
          .find((p) => p.url().includes(`${extensionId}/src/popup/index.html`));
        if (!page) await new Promise((r) => setTimeout(r, 100));
      }
      if (!page || !viewer) throw new Error('the action popup did not open');
      page.on('console', (m) => consoleLines.push(`[popup] ${m.text()}`));
      const connection = viewer;
      const popupPage = page;
      return {
        page: popupPage,
        async close() {
          await popupPage.close().catch(() => undefined);
          await connection.close().catch(() => undefined);
        },
      };
    },
    async close() {
      for (const viewer of viewers) await viewer.close().catch(() => undefined);
      await context.close().catch(() => undefined);
      collectCrossed();
      await sandbox.close();
      rmSync(profileDir, { recursive: true, force: true });
      if (crossed.length > 0) {
        throw new Error(`calls signed with a key pair of another org:\n${crossed.join('\n')}`);
      }
    },
  };
}

export function orgPageUrl(orgId: string): string {
  return `https://cloud.mongodb.com/v2#/org/${orgId}/projects`;
}

export function projectPageUrl(groupId: string): string {
  return `https://cloud.mongodb.com/v2/${groupId}#deployment/topology`;
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<string> {
  mkdirSync(SHOTS, { recursive: true });
  const path = join(SHOTS, `${name}.png`);
  await page.screenshot({ path, fullPage: options.fullPage ?? true });
  return path;
}

/** Badge text and title the extension set for a tab. */
export async function badgeOf(run: ExtensionRun, tab: Page): Promise<{ text: string; title: string }> {
  const w = await run.worker();
  const tabId = await tabIdOf(run, tab);
  return w.evaluate(async (id) => {
    const text = await chrome.action.getBadgeText({ tabId: id });
    const title = await chrome.action.getTitle({ tabId: id });
    return { text, title };
  }, tabId);
}

export async function tabIdOf(run: ExtensionRun, tab: Page): Promise<number> {
  const w = await run.worker();
  const url = tab.url();
  const id = await w.evaluate(async (u) => {
    const tabs = await chrome.tabs.query({});
    return tabs.find((t) => t.url === u)?.id;
  }, url);
  if (id === undefined) throw new Error(`no tab with url ${url}`);
  return id;
}

/**
 * Stops the service worker the way Chrome's terminate-sw sample does: close its DevTools target. Another loaded
 * extension's worker (`extensionId`) is stopped if it runs, and left alone if it does not.
 */
export async function stopWorker(run: ExtensionRun, extensionId = run.extensionId): Promise<void> {
  const w = extensionId === run.extensionId ? await run.worker() : undefined;
  const browser = run.context.browser();
  if (!browser) throw new Error('no browser handle');
  const cdp = await browser.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets')) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  const target = targetInfos.find(
    (t) =>
      t.type === 'service_worker' && (w ? t.url === w.url() : t.url.startsWith(`chrome-extension://${extensionId}/`)),
  );
  if (!target) {
    await cdp.detach().catch(() => undefined);
    if (w) throw new Error('service worker target not found');
    return;
  }
  await cdp.send('Target.closeTarget', { targetId: target.targetId });
  if (w) stoppedWorkers.add(w);
  // Playwright's 'close' event is not reliable once other CDP clients attached: poll the targets instead.
  for (let i = 0; i < 100; i++) {
    const { targetInfos: now } = (await cdp.send('Target.getTargets')) as { targetInfos: { targetId: string }[] };
    if (!now.some((t) => t.targetId === target.targetId)) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  await cdp.detach().catch(() => undefined);
}
