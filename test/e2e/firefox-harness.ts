// Launches the production build in Debian's Firefox ESR (headless) over WebDriver BiDi (puppeteer-core, no
// geckodriver) against an in-process sandbox. Firefox has no host-resolver switch: its HTTPS proxy is the sandbox's
// HTTP port, which tunnels CONNECT cloud.mongodb.com:443 to the sandbox (and refuses every other host), and the
// session's acceptInsecureCerts trusts the sandbox's certificate. `--remote-allow-system-access` lets the test open
// the extension's own pages (moz-extension://) in tabs; the toolbar popup itself is a browser panel that BiDi
// cannot reach, so the popup's page is opened in a tab next to the Cloud Manager tab (see openPopup).
import { existsSync } from 'node:fs';
import type { Readable } from 'node:stream';
import puppeteer, { type Browser, type ElementHandle, type Page } from 'puppeteer-core';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../sandbox/server.ts';
import type { Envelope, MessageName, Reply, RequestOf } from '../../src/shared/messages';
import { DIST } from './harness';

export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
export const firefoxMissing = !existsSync(FIREFOX);

// The add-on id is the manifest's (browser_specific_settings.gecko.id); the moz-extension host is a per-profile
// UUID, fixed here through Firefox's own preference so the test knows the extension's pages' addresses.
const ADDON_ID = 'cm-atlas-link@migration-tools.example';
const UUID = '3f9d2c1e-7a4b-4c8e-9f10-5b6a7c8d9e0f';
export const EXTENSION_ORIGIN = `moz-extension://${UUID}`;

export interface FirefoxRun {
  browser: Browser;
  sandbox: Sandbox;
  /** Console lines of the extension's pages and of its background script (Firefox prints both to stdout). */
  consoleLines: string[];
  /** A new tab at one of the extension's pages ('src/options/index.html'), loaded. */
  extensionPage(path: string): Promise<Page>;
  openTab(url: string): Promise<Page>;
  /** The popup's page for a tab: the popup finds "the active tab of its window", as from the toolbar. */
  openPopup(forTab: Page): Promise<Page>;
  /** Sends one message of the extension's map from its settings page, as its pages do. */
  send<N extends MessageName>(name: N, request: RequestOf<N>): Promise<Reply<N>>;
  /** Runs a function in an extension page (the browser.* APIs of the extension's own pages). */
  inExtension<T>(fn: string): Promise<T>;
  /** The badge text and title of the tab the extension knows by that URL. */
  badgeOf(tab: Page): Promise<{ text: string; title: string }>;
  close(): Promise<void>;
}

export async function launchFirefox(sandboxOptions: SandboxOptions = {}): Promise<FirefoxRun> {
  const sandbox = await startSandbox({ ...sandboxOptions, httpsPort: 0, httpPort: 0 });
  const browser = await puppeteer.launch({
    browser: 'firefox',
    executablePath: FIREFOX,
    headless: true,
    acceptInsecureCerts: true,
    args: ['--remote-allow-system-access'],
    extraPrefsFirefox: {
      'network.proxy.type': 1, // manual: HTTPS through the sandbox, which tunnels cloud.mongodb.com only
      'network.proxy.ssl': '127.0.0.1',
      'network.proxy.ssl_port': sandbox.httpPort ?? 0,
      'network.proxy.no_proxies_on': '',
      'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: UUID }),
      // The console of the extension's pages and background script, on Firefox's stdout for the secret scan.
      'devtools.console.stdout.chrome': true,
      'devtools.console.stdout.content': true,
      'extensions.update.enabled': false,
      'app.update.enabled': false,
    },
  });
  const consoleLines: string[] = [];
  const process = browser.process();
  for (const stream of [process?.stdout, process?.stderr] as (Readable | null | undefined)[]) {
    stream?.on('data', (d: Buffer) => consoleLines.push(...String(d).split('\n')));
  }
  try {
    const installed = await browser.installExtension(DIST);
    if (installed !== ADDON_ID) throw new Error(`installed ${installed}, expected ${ADDON_ID}`);
  } catch (error) {
    await browser.close();
    await sandbox.close();
    throw error;
  }
  const watch = (page: Page) => page.on('console', (m) => consoleLines.push(`[page] ${m.text()}`));

  const extensionPage = async (path: string): Promise<Page> => {
    const page = await browser.newPage();
    watch(page);
    // BiDi's navigation events do not follow a tab into the extension's process: wait for the page itself.
    await page.goto(`${EXTENSION_ORIGIN}/${path}`, { timeout: 2_000 }).catch(() => undefined);
    await page.waitForFunction(
      (origin) => location.origin === origin && document.readyState === 'complete',
      { timeout: 20_000 },
      EXTENSION_ORIGIN,
    );
    return page;
  };

  let driver: Page | undefined;
  const driverPage = async () => {
    if (!driver || driver.isClosed()) driver = await extensionPage('src/options/index.html');
    return driver;
  };
  const inExtension = async <T>(fn: string): Promise<T> => {
    const page = await driverPage();
    return page.evaluate(`(${fn})()`) as Promise<T>;
  };

  return {
    browser,
    sandbox,
    consoleLines,
    extensionPage,
    async openTab(url) {
      const page = await browser.newPage();
      watch(page);
      await page.goto(url);
      return page;
    },
    async openPopup(forTab) {
      const tabUrl = forTab.url();
      await driverPage();
      await forTab.bringToFront();
      // The popup's page opens in a background tab beside the Cloud Manager tab, which stays the active tab of
      // the window: the popup's own tabs.query({active, currentWindow}) answers that tab, as from the toolbar.
      const popupUrl = `${EXTENSION_ORIGIN}/src/popup/index.html`;
      const before = new Set(await browser.pages());
      await inExtension(`async () => {
        const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
        if (tab?.url !== ${JSON.stringify(tabUrl)}) throw new Error('the active tab is ' + tab?.url);
        await browser.tabs.create({ url: ${JSON.stringify(popupUrl)}, active: false, index: tab.index + 1 });
      }`);
      // BiDi keeps an extension tab's URL as about:blank: the new tab is found by asking the page where it is.
      let page: Page | undefined;
      for (let attempt = 0; attempt < 100 && !page; attempt++) {
        for (const candidate of await browser.pages()) {
          if (before.has(candidate)) continue;
          const href = await candidate.evaluate(() => location.href).catch(() => '');
          if (href.startsWith(popupUrl)) page = candidate;
        }
        if (!page) await new Promise((r) => setTimeout(r, 100));
      }
      if (!page) throw new Error('the popup page did not open');
      watch(page);
      await page.waitForFunction(() => document.getElementById('app')?.childElementCount, { timeout: 20_000 });
      // The popup has read its tab; in front now, since a background tab gets input (and timers) slowly.
      await page.bringToFront();
      return page;
    },
    async send(name, request) {
      const envelope = { name, request } as Envelope<typeof name>;
      return inExtension(`() => browser.runtime.sendMessage(${JSON.stringify(envelope)})`);
    },
    inExtension,
    async badgeOf(tab) {
      return inExtension(`async () => {
        const tab = (await browser.tabs.query({})).find((t) => t.url === ${JSON.stringify(tab.url())});
        if (!tab) throw new Error('no such tab');
        return { text: await browser.action.getBadgeText({ tabId: tab.id }), title: await browser.action.getTitle({ tabId: tab.id }) };
      }`);
    },
    async close() {
      await browser.close().catch(() => undefined);
      await sandbox.close();
    },
  };
}

/** The form control a visible label names (its text, trimmed, starts with `label`). */
export async function fieldLabelled(page: Page, label: string): Promise<ElementHandle<HTMLInputElement>> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('label')].find((l) => l.textContent?.trim().startsWith(text) && l.control)
        ?.control ?? null,
    { timeout: 10_000 },
    label,
  );
  return handle as unknown as ElementHandle<HTMLInputElement>;
}

/** Types into the control a label names (focus and keys, as a user types). */
export async function typeInto(page: Page, label: string, text: string): Promise<void> {
  // A tab just brought to the front may drop the first keys while its focus settles: type again until it holds.
  for (let attempt = 0; attempt < 3; attempt++) {
    const field = await fieldLabelled(page, label);
    await field.click({ count: 3 });
    await field.type(text);
    if ((await field.evaluate((input) => input.value)) === text) return;
    await field.evaluate((input) => {
      input.select();
    });
    await page.keyboard.press('Backspace');
  }
  throw new Error(`typing into "${label}" did not hold`);
}

/** Clicks the enabled button whose text (trimmed) is `name`. */
export async function clickButton(page: Page, name: string): Promise<void> {
  const handle = await page.waitForFunction(
    (text) =>
      [...document.querySelectorAll('button')].find((b) => b.textContent?.trim() === text && !b.disabled) ?? null,
    { timeout: 10_000 },
    name,
  );
  await (handle as unknown as ElementHandle<HTMLButtonElement>).click();
}

/** The trimmed text of the first element a selector finds ('' when none). */
export function textOf(page: Page, selector: string): Promise<string> {
  return page.evaluate((s) => document.querySelector(s)?.textContent?.trim() ?? '', selector);
}
