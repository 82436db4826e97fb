// The user's flows in Firefox ESR (headless, WebDriver BiDi) against the sandbox at the real Cloud Manager address:
// first-use setup and link from the popup's page, errors that name their fix (a 401 from the background script
// answers the extension, Firefox asks the user nothing), the badge per tab, lock and unlock with the auto-lock
// alarm, a refresh of 10 orgs on the dashboard, and the secret scan of storage and every console line.
// Not covered in Firefox: the toolbar panel itself (BiDi cannot reach it). Its page is the same page, opened in a
// tab beside the Cloud Manager tab, which stays the active tab the popup asks for (firefox-harness.ts).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import {
  clickButton,
  FIREFOX,
  type FirefoxRun,
  firefoxMissing,
  launchFirefox,
  textOf,
  typeInto,
} from './firefox-harness';
import { orgPageUrl } from './harness';

if (firefoxMissing && process.env.CI) {
  throw new Error(`Firefox ESR not found at ${FIREFOX}: apt-get install -y firefox-esr`);
}
if (firefoxMissing)
  console.warn('firefox-esr not found: the Firefox flows are skipped (apt-get install -y firefox-esr)');

const PASSPHRASE = 'correct horse battery staple';
const alertKind = (page: Parameters<typeof textOf>[0]) =>
  page.evaluate(() => document.querySelector('[role="alert"] strong')?.getAttribute('data-kind') ?? '');

/** Everything the extension keeps, from its own page: storage.local, .session and .sync. */
function storedEverything(run: FirefoxRun): Promise<string> {
  return run.inExtension<string>(`async () => JSON.stringify({
    local: await browser.storage.local.get(null),
    session: await browser.storage.session.get(null),
    sync: await browser.storage.sync.get(null),
  })`);
}

describe.skipIf(firefoxMissing)('Firefox ESR: the popup, the badge, lock and unlock', () => {
  let run: FirefoxRun;
  beforeAll(async () => {
    run = await launchFirefox();
  }, 120_000);
  afterAll(async () => {
    await run?.close();
  });

  const key = (name: string) => run.sandbox.fixture.keys.find((k) => k.name === name)!;
  const org = (prefix: string) => run.sandbox.fixture.orgs.find((o) => o.name.startsWith(prefix))!;
  const syncedToken = () => run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
  /** Globex has no saved key pair: its popup offers the form, where this key pair is typed and saved. */
  async function saveInGlobexPopup(pair: { publicKey: string; privateKey: string }, beforeTyping?: () => void) {
    const tab = await run.openTab(orgPageUrl(org('Globex').id));
    const popup = await run.openPopup(tab);
    await popup.waitForSelector('[data-testid="no-key-pair"]');
    beforeTyping?.();
    await typeInto(popup, 'Client name', 'Globex');
    await typeInto(popup, 'Public key (username)', pair.publicKey);
    await typeInto(popup, 'Private key (password)', pair.privateKey);
    await clickButton(popup, 'Save key pair');
    return { tab, popup };
  }

  it('sets up the vault in the popup on first use and links with a valid token', async () => {
    const acme = org('Acme');
    const owner = key('owner');
    const tab = await run.openTab(orgPageUrl(acme.id));
    const popup = await run.openPopup(tab);
    await popup.waitForSelector('[data-testid="setup-form"]');
    await typeInto(popup, 'Client name', 'Acme (sandbox)');
    await typeInto(popup, 'Public key (username)', owner.publicKey);
    await typeInto(popup, 'Private key (password)', owner.privateKey);
    await typeInto(popup, 'Passphrase', PASSPHRASE);
    await typeInto(popup, 'Passphrase, again', PASSPHRASE);
    await clickButton(popup, 'Save key pair');
    await expect.poll(() => textOf(popup, '[data-testid="org-id"]'), { timeout: 30_000 }).toBe(acme.id);
    await expect.poll(() => textOf(popup, '[data-testid="status"]')).toBe('Not linked to Atlas');

    run.sandbox.clearLog();
    await typeInto(popup, 'Atlas link token', syncedToken());
    await clickButton(popup, 'Link to Atlas');
    await expect.poll(() => textOf(popup, '[data-testid="status"]')).toBe('Linked, synced');
    expect(run.sandbox.links.get(acme.id)?.status).toBe('SYNCED');
    // Digest from Firefox's background script: one signed POST the server accepted
    // (a 401 challenge first unless the nonce learnt when the key pair was saved is still good).
    const posts = run.sandbox.log.filter((e) => e.method === 'POST');
    expect(posts.filter((e) => e.status !== 401)).toEqual([expect.objectContaining({ status: 201, authorized: true })]);
    expect(await popup.content()).not.toContain(syncedToken());
    await popup.close();
  });

  it('paints the badge per tab: the linked org on every tab that shows it, nothing on another page', async () => {
    const acme = org('Acme');
    const first = await run.openTab(orgPageUrl(acme.id));
    // Opening the popup checks the status (the badge is busy meanwhile): wait for its answer, then read the badge.
    const popup = await run.openPopup(first);
    await expect.poll(() => textOf(popup, '[data-testid="status"]')).toBe('Linked, synced');
    await popup.close();
    await expect
      .poll(async () => {
        const badge = await run.badgeOf(first);
        return `${badge.text} ${badge.title.includes('Linked, synced')}`;
      })
      .toBe('✓ true');
    const elsewhere = await run.openTab(`${orgPageUrl(acme.id).split('/v2')[0]}/v2#/preferences/personalization`);
    expect((await run.badgeOf(elsewhere)).text).toBe('');
    await elsewhere.close();
    await first.close();
  });

  it("names the fix for a key pair whose access list leaves out this computer's IP, and saves nothing", async () => {
    const { tab, popup } = await saveInGlobexPopup(key('elsewhere'));
    await expect.poll(() => alertKind(popup)).toBe('ip-not-allowed');
    const text = await textOf(popup, '[role="alert"]');
    expect(text).toContain('127.0.0.1');
    expect(text).toMatch(/API key's access list/);
    expect(await popup.$('[data-testid="no-key-pair"]')).not.toBeNull();
    await popup.close();
    await tab.close();
  });

  it('answers a wrong private key with the error, not a browser credentials prompt', async () => {
    const wrong = { publicKey: key('globex').publicKey, privateKey: '00000000-0000-4000-8000-000000000000' };
    const { tab, popup } = await saveInGlobexPopup(wrong, () => run.sandbox.clearLog());
    await expect.poll(() => alertKind(popup)).toBe('bad-credentials');
    await expect.poll(() => textOf(popup, '[role="alert"]')).toContain('refused');
    expect(run.sandbox.log.every((e) => e.status === 401)).toBe(true);
    await popup.close();
    await tab.close();
  });

  it('locks from the settings page, asks for the passphrase in the popup, and unlocks with it', async () => {
    const acme = org('Acme');
    const settings = await run.extensionPage('src/options/index.html#security');
    // Auto-lock after 1 minute: Firefox's alarms hold the timer while the vault is open.
    await settings.select('#auto-lock', '1');
    await expect
      .poll(() => run.inExtension<string[]>('async () => (await browser.alarms.getAll()).map((a) => a.name)'))
      .toContain('auto-lock');
    await clickButton(settings, 'Lock now');
    await expect
      .poll(() => run.inExtension<string[]>('async () => (await browser.alarms.getAll()).map((a) => a.name)'))
      .not.toContain('auto-lock');
    // Locked: storage.session holds no key of the vault.
    const session = await run.inExtension<Record<string, unknown>>('() => browser.storage.session.get(null)');
    expect(JSON.stringify(session)).not.toContain(key('owner').privateKey);
    await settings.close();

    const tab = await run.openTab(orgPageUrl(acme.id));
    const popup = await run.openPopup(tab);
    await popup.waitForSelector('[data-testid="unlock-org"]');
    await typeInto(popup, 'Passphrase', 'not the passphrase');
    await clickButton(popup, 'Unlock');
    await expect.poll(() => alertKind(popup)).toBe('wrong-passphrase');
    await typeInto(popup, 'Passphrase', PASSPHRASE);
    await clickButton(popup, 'Unlock');
    await expect.poll(() => textOf(popup, '[data-testid="status"]'), { timeout: 30_000 }).toBe('Linked, synced');
    await expect
      .poll(() => run.inExtension<string[]>('async () => (await browser.alarms.getAll()).map((a) => a.name)'))
      .toContain('auto-lock');
    await popup.close();
    await tab.close();
  });

  it('leaves no secret in storage or in any console line of the pages and the background script', async () => {
    const text = await storedEverything(run);
    const secrets = [
      ...run.sandbox.fixture.keys.map((k) => k.privateKey),
      PASSPHRASE,
      ...run.sandbox.fixture.linkTokens.map((t) => t.token),
    ];
    // The scan hears the background script's console and the pages': a line logged in each reaches it.
    await run.inExtension(`async () => {
      (await browser.runtime.getBackgroundPage()).console.log('background-canary');
      console.log('page-canary');
    }`);
    await expect.poll(() => run.consoleLines.join('\n')).toContain('"background-canary"');
    expect(run.consoleLines.join('\n')).toContain('"page-canary"');
    const consoleText = run.consoleLines.join('\n');
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(consoleText).not.toContain(secret);
    }
    // The scan sees what it should: the vault is there, encrypted.
    expect(text).toContain('"vault"');
  });
});

describe.skipIf(firefoxMissing)('Firefox ESR: the dashboard refreshes 10 orgs', () => {
  let run: FirefoxRun;
  beforeAll(async () => {
    run = await launchFirefox({ fixture: generateFixture({ orgs: 10, seed: 7 }) });
  }, 120_000);
  afterAll(async () => {
    await run?.close();
  });

  it('checks each of the 10 orgs once, with its own key pair, and shows their statuses', async () => {
    const { keys, orgs } = run.sandbox.fixture;
    const profile = (i: number) => ({
      label: `Key ${String(i + 1).padStart(3, '0')}`,
      publicKey: keys[i]!.publicKey,
      privateKey: keys[i]!.privateKey,
    });
    const created = await run.send('vault/create', { passphrase: PASSPHRASE, profile: profile(0) });
    expect(created.ok).toBe(true);
    for (let i = 1; i < 10; i++) expect((await run.send('profiles/add', { profile: profile(i) })).ok).toBe(true);

    const page = await run.extensionPage('src/options/index.html');
    await clickButton(page, 'All orgs');
    await page.waitForSelector('[data-testid="org-table"]');
    await expect.poll(() => page.$$eval('tbody tr[data-org-id]', (rows) => rows.length)).toBe(10);
    run.sandbox.clearLog();
    await page.click('[data-testid="refresh-all"]');
    await expect
      .poll(() => textOf(page, '[data-testid="refresh-status"]'), { timeout: 30_000 })
      .toBe('Refresh finished: 10 checked, 0 failed.');
    // Signed status requests the server accepted (a 401 for an expired nonce is re-sent, and not counted).
    const checks = run.sandbox.log.filter(
      (e) => e.path.includes('/migrationLink/status') && e.authorized && e.status !== 401,
    );
    expect(checks.map((e) => e.path.split('/')[5]).sort()).toEqual(orgs.map((o) => o.id).sort());
    // One key pair, one org: each org was asked with its own key.
    for (const e of checks) {
      const i = orgs.findIndex((o) => e.path.includes(o.id));
      expect(e.username).toBe(keys[i]!.publicKey);
    }
    const statuses = await page.$$eval('[data-testid="row-status"]', (cells) => cells.map((c) => c.textContent));
    expect(statuses).toHaveLength(10);
    expect(statuses.every((s) => s && !/error|failed/i.test(s))).toBe(true);

    const text = await storedEverything(run);
    for (const k of keys) {
      expect(text).not.toContain(k.privateKey);
      expect(run.consoleLines.join('\n')).not.toContain(k.privateKey);
    }
  });
});
