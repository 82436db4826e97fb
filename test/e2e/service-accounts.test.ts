// Service accounts in real Chromium against the sandbox: 10 client orgs, each held by its own Org Owner service
// account (client id and secret, OAuth access tokens). Set up with a service account (the server names its org with
// the account's Bearer token), link from the popup with the token it already holds; a refresh of all 10 orgs with
// tokens wiped, the worker stopped mid-way and started again (an account that had its token before the stop asks
// for none after it: the token is in storage.session); the lock wipes every token and revokes it (the sandbox counts
// none live after it); no client secret or access token in storage or any console line; the settings page names the
// kind of each key pair.
import { createHash } from 'node:crypto';
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { ServiceAccountTokens } from '../../sandbox/service-accounts';
import { keysOf } from '../../src/background/storage/keys';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, stopWorker } from './harness';
import { openSettings, PASSPHRASE, sendFromExtensionPage } from './steps';
import { readStored, storedEverything, storedSecretsOf } from './storage-scan';

// The sandbox keeps only fingerprints of the access tokens it issues; the secret scan needs the values, so the
// in-process sandbox's issuing is watched here: every access token issued during this file.
const issued: string[] = [];
const proto = ServiceAccountTokens.prototype as unknown as { issue: (...args: unknown[]) => string };
const issue = proto.issue;
proto.issue = function (this: unknown, ...args: unknown[]) {
  const token = issue.apply(this, args);
  issued.push(token);
  return token;
};

const ORGS = 10;
const TOKEN_PATH = '/api/oauth/token';
const REVOKE_PATH = '/api/oauth/revoke';
const STATUS_PATH = '/liveExport/migrationLink/status';
const label = (i: number) => `Client ${String(i + 1).padStart(3, '0')}`;
const accounts = (run: ExtensionRun) => run.sandbox.fixture.serviceAccounts!;
const orgs = (run: ExtensionRun) => run.sandbox.fixture.orgs;
/** The service account of org i (the generated fixture gives account i to org i). */
const accountOf = (run: ExtensionRun, orgId: string) => accounts(run).find((a) => a.roles[orgId])!;
/** The sandbox's tokens neither expired nor revoked, over every account. */
const liveRecords = (run: ExtensionRun) =>
  run.sandbox.serviceAccountTokens().filter((r) => !r.revoked && r.expiresAt > Date.now());
/** The sandbox's fingerprint of a token (its records never hold the token itself). */
const fingerprintOf = (token: string) => createHash('sha256').update(token).digest('hex').slice(0, 16);
const tokenRequests = (run: ExtensionRun) => run.sandbox.log.filter((e) => e.path === TOKEN_PATH);
const statusCalls = (run: ExtensionRun) =>
  run.sandbox.log.filter((e) => e.path.includes(STATUS_PATH) && e.status !== 401 && e.status > 0);
const profileOf = (run: ExtensionRun, i: number) => {
  const account = accounts(run)[i]!;
  return {
    label: label(i),
    publicKey: account.clientId,
    privateKey: account.clientSecret,
    credential: 'service-account' as const,
  };
};

async function waitForRun(run: ExtensionRun, done: (p: { state: string; succeeded: number }) => boolean) {
  await expect
    .poll(
      async () => {
        const progress = await sendFromExtensionPage(run, 'dashboard/progress', {});
        return progress !== null && done(progress);
      },
      { timeout: 60_000, interval: 200 },
    )
    .toBe(true);
}

test.override('launch', {
  sandbox: { fixture: generateFixture({ orgs: ORGS, seed: 19, serviceAccounts: true }) },
});

describe('service accounts', () => {
  test.beforeAll(async ({ run }) => {
    // The first service account sets the vault up; the other nine are added from one settings page.
    const { profile } = await sendFromExtensionPage(run, 'vault/create', {
      passphrase: PASSPHRASE,
      profile: profileOf(run, 0),
    });
    expect(profile).toMatchObject({ credential: 'service-account', org: { id: orgs(run)[0]!.id, name: label(0) } });
    const page = await openSettings(run);
    try {
      const list = Array.from({ length: ORGS - 1 }, (_, j) => profileOf(run, j + 1));
      const saved = await page.evaluate(async (profiles) => {
        const ids: string[] = [];
        for (const p of profiles) {
          const reply = await chrome.runtime.sendMessage({ name: 'profiles/add', request: { profile: p } });
          if (!reply.ok) throw new Error(`profiles/add of ${p.label} failed: ${reply.error.kind}`);
          ids.push(reply.value.profile.org.id);
        }
        return ids;
      }, list);
      expect(saved).toEqual(
        orgs(run)
          .slice(1, ORGS)
          .map((o) => o.id),
      );
    } finally {
      await page.close();
    }
  }, 120_000);

  test('each account was identified with its own token: one token request each, GET /orgs with Bearer', ({ run }) => {
    const sa = accounts(run);
    expect(tokenRequests(run).map((e) => [e.status, e.serviceAccount])).toEqual(sa.map((a) => [200, a.clientId]));
    const orgsCalls = run.sandbox.log.filter((e) => e.path.split('?')[0] === '/api/public/v1.0/orgs');
    expect(orgsCalls.map((e) => [e.status, e.serviceAccount, e.username])).toEqual(
      sa.map((a) => [200, a.clientId, undefined]),
    );
    expect(issued).toHaveLength(ORGS);
  });

  test('links from the popup with the token the account already holds', async ({ run, popupOn }) => {
    const org = orgs(run)[0]!;
    const popup = await popupOn(orgPageUrl(org.id));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    run.sandbox.clearLog();
    await popup.link(run.sandbox.fixture.linkTokens[0]!.token);
    await expect.poll(() => popup.statusText()).toBe('Linked, synced');
    expect(run.sandbox.links.get(org.id)).toMatchObject({ status: 'SYNCED' });
    const posts = run.sandbox.log.filter((e) => e.method === 'POST');
    expect(posts.map((e) => [e.path.split('/').at(-1), e.status, e.serviceAccount])).toEqual([
      ['migrationLink', 201, accounts(run)[0]!.clientId],
    ]);
    expect(tokenRequests(run)).toEqual([]);
    expect(await popup.page.content()).not.toContain(accounts(run)[0]!.clientSecret);
  });

  test('Cloud Manager refusing the token on the link says so and suggests an API key pair', async ({
    run,
    popupOn,
  }) => {
    const org = orgs(run)[1]!;
    const popup = await popupOn(orgPageUrl(org.id));
    await expect.poll(() => popup.statusText()).toBe('Not linked to Atlas');
    run.sandbox.setBearerRefusedPaths(['/liveExport/migrationLink']);
    try {
      run.sandbox.clearLog();
      await popup.link(run.sandbox.fixture.linkTokens[1]!.token);
      await expect.poll(() => popup.alertKind()).toBe('bearer-refused');
      await expect.poll(() => popup.alert.textContent()).toContain('Use an API key pair for this organization instead');
      // The held token refused: renewed once and the link repeated (it was not processed), then refused again.
      expect(run.sandbox.log.map((e) => [e.path === TOKEN_PATH ? 'token' : 'link', e.status])).toEqual([
        ['link', 401],
        ['token', 200],
        ['link', 401],
      ]);
      expect(run.sandbox.links.has(org.id)).toBe(false);
    } finally {
      run.sandbox.setBearerRefusedPaths([]);
    }
  });

  test('refresh all with tokens wiped, the worker stopped mid-way: no account asks twice', async ({ run }) => {
    // Cold: the lock wipes every token (storage.session and the worker's memory).
    await sendFromExtensionPage(run, 'vault/lock', {});
    await sendFromExtensionPage(run, 'vault/unlock', { passphrase: PASSPHRASE });
    expect(await readStored(await run.worker(), 'oauthTokens')).toBeUndefined();
    run.sandbox.setLatency(300);
    run.sandbox.clearLog();
    await sendFromExtensionPage(run, 'dashboard/refresh-all', {});
    await expect.poll(() => statusCalls(run).length, { timeout: 30_000, interval: 50 }).toBeGreaterThanOrEqual(2);
    await stopWorker(run);
    // What the first worker life did (calls it had in flight may still be answered: their tokens were stored before
    // the call went out, as the token client stores a token before it uses it).
    await new Promise((r) => setTimeout(r, 700));
    const before = [...run.sandbox.log];
    const checkedBefore = new Set(statusCalls(run).map((e) => e.serviceAccount));
    const askedBefore = before.filter((e) => e.path === TOKEN_PATH).map((e) => e.serviceAccount);
    expect(checkedBefore.size).toBeGreaterThanOrEqual(2);
    expect(checkedBefore.size).toBeLessThan(ORGS);
    expect(new Set(askedBefore).size).toBe(askedBefore.length);

    // The next worker life: the run was cut short; a new one checks all 10 orgs.
    run.sandbox.setLatency(0);
    run.sandbox.clearLog();
    await run.worker();
    await waitForRun(run, (p) => p.state !== 'running');
    await sendFromExtensionPage(run, 'dashboard/refresh-all', {});
    await waitForRun(run, (p) => p.state === 'finished' && p.succeeded === ORGS);
    const after = tokenRequests(run).map((e) => e.serviceAccount);
    // An account whose org was checked before the stop held a stored token: it asks for none now.
    for (const account of checkedBefore) expect(after).not.toContain(account);
    expect(new Set(after).size).toBe(after.length);
    expect(after.length).toBeLessThanOrEqual(ORGS - checkedBefore.size);
    // Every org checked once, with its own account's token.
    const checked = statusCalls(run);
    expect(checked).toHaveLength(ORGS);
    for (const e of checked) expect(e.serviceAccount).toBe(accountOf(run, e.orgId!).clientId);
    console.info(
      `service accounts e2e: ${checkedBefore.size} orgs checked before the worker stopped; after the restart ${after.length} token requests for ${ORGS} orgs`,
    );
    // Each account now holds exactly one token, in storage.session.
    const stored = (await readStored(await run.worker(), 'oauthTokens')) as Record<string, { accessToken: string }>;
    expect(Object.keys(stored)).toHaveLength(ORGS);
    for (const record of Object.values(stored)) expect(issued).toContain(record.accessToken);
  }, 120_000);

  test('the lock wipes and revokes every token, and no secret or token is in storage or a console line', async ({
    run,
  }) => {
    expect(Object.keys((await readStored(await run.worker(), 'oauthTokens')) as object)).toHaveLength(ORGS);
    // Each account's current token, and any it replaced or had refused that still lives (kept for this revoke).
    const stored = (await readStored(await run.worker(), 'oauthTokens')) as Record<
      string,
      { accessToken?: string; retired?: { accessToken: string }[] }
    >;
    const held = Object.values(stored)
      .flatMap((r) => [r.accessToken, ...(r.retired ?? []).map((x) => x.accessToken)])
      .filter((token): token is string => token !== undefined)
      .map(fingerprintOf);
    // A token the sandbox issued to the worker stopped above before it could keep it: no one can revoke that one.
    const unheld = liveRecords(run).filter((r) => !held.includes(r.fingerprint)).length;
    run.sandbox.clearLog();
    await sendFromExtensionPage(run, 'vault/lock', {});
    // The revokes go out after the lock: every token the extension held is revoked with its account's own secret.
    await expect.poll(() => liveRecords(run).length, { timeout: 15_000, interval: 100 }).toBe(unheld);
    const records = run.sandbox.serviceAccountTokens();
    for (const fingerprint of held) expect(records.find((r) => r.fingerprint === fingerprint)?.revoked).toBe(true);
    const revokes = run.sandbox.log.filter((e) => e.path === REVOKE_PATH);
    expect(revokes.map((e) => [e.method, e.status])).toEqual(held.map(() => ['POST', 200]));
    expect(new Set(revokes.map((e) => e.serviceAccount))).toEqual(new Set(accounts(run).map((a) => a.clientId)));
    console.info(`service accounts e2e: the lock revoked ${held.length} tokens; ${unheld} never held stay live`);
    const worker = await run.worker();
    // The tokens, nonces and vault key are gone from storage.session (the page may note activity again meanwhile).
    const wiped = keysOf((spec) => spec.wipeOnLock).filter((key) => key !== 'lastActivity');
    expect(wiped).toContain('oauthTokens');
    expect(await worker.evaluate((keys) => chrome.storage.session.get(keys), wiped)).toEqual({});
    const { text } = await storedEverything(worker);
    const consoleText = run.consoleLines.join('\n');
    const secrets = [...storedSecretsOf(run.sandbox.fixture), ...issued];
    expect(secrets.length).toBeGreaterThan(2 * ORGS);
    for (const secret of secrets) {
      expect(text).not.toContain(secret);
      expect(consoleText).not.toContain(secret);
    }
    // After unlocking, the next call asks again.
    await sendFromExtensionPage(run, 'vault/unlock', { passphrase: PASSPHRASE });
    run.sandbox.clearLog();
    await sendFromExtensionPage(run, 'link/status', { orgId: orgs(run)[3]!.id });
    expect(tokenRequests(run).map((e) => [e.status, e.serviceAccount])).toEqual([[200, accounts(run)[3]!.clientId]]);
  });

  test('the settings page lists each key pair as a service account, its secret masked', async ({ run, skip }) => {
    const page = await openSettings(run);
    try {
      const card = page.getByTestId(`profile-${label(0)}`);
      await card.waitFor();
      const kind = card.getByTestId('profile-credential');
      // The kind is shown by the settings forms' change (issue #19), built beside this test.
      skip((await kind.count()) === 0, 'the settings page does not show the credential kind yet');
      await expect.poll(() => kind.textContent()).toMatch(/service account/i);
      const text = (await card.textContent()) ?? '';
      expect(text).toContain(accounts(run)[0]!.clientId);
      expect(text).not.toContain(accounts(run)[0]!.clientSecret);
    } finally {
      await page.close();
    }
  });
});
