// Every user-visible error path from the popup, each with its own message: read-only key, IP not on the key's
// access list, an org that requires an access list, an Atlas org, rate limiting, a server error, a dropped
// connection, an HTML error page.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { badgeOf, type ExtensionRun, launchExtension, orgPageUrl, screenshot } from './harness';
import { addProfileFor, createVaultWith, sendFromExtensionPage } from './steps';

describe('errors that tell the fix', () => {
  let run: ExtensionRun;
  const org = (name: string) => run.sandbox.fixture.orgs.find((o) => o.name.startsWith(name))!;

  beforeAll(async () => {
    run = await launchExtension();
    await createVaultWith(run, 'owner', 'Owner key');
    await addProfileFor(run, 'readonly', 'Read-only key', org('Acme Retail').id);
    await addProfileFor(run, 'elsewhere', 'Fenced key', org('Globex').id);
    const owner = (await sendFromExtensionPage<{ id: string; label: string }[]>(run, 'profiles/list', {})).find(
      (p) => p.label === 'Owner key',
    )!;
    for (const name of ['Initech', 'Umbrella']) {
      await sendFromExtensionPage(run, 'org/bind', { orgId: org(name).id, profileId: owner.id });
    }
    const atlas = run.sandbox.fixture.orgs.find((o) => o.kind === 'atlas')!;
    await sendFromExtensionPage(run, 'org/bind', { orgId: atlas.id, profileId: owner.id });
  });
  afterAll(async () => {
    await run?.close();
  });

  async function openOn(orgId: string) {
    const tab = await run.openTab(orgPageUrl(orgId));
    const popup = await run.openPopup(tab);
    await popup.page.getByTestId('org-id').waitFor();
    return { tab, popup, page: popup.page };
  }

  async function kindShown(page: import('playwright-core').Page): Promise<string | null> {
    const strong = page.getByRole('alert').locator('strong');
    await strong.waitFor();
    return strong.getAttribute('data-kind');
  }

  it('read-only key: needs Organization Owner', async () => {
    const { page, popup, tab } = await openOn(org('Acme Retail').id);
    expect(await kindShown(page)).toBe('not-org-owner');
    expect(await page.getByRole('alert').textContent()).toContain('Organization Owner');
    expect((await badgeOf(run, tab)).text).toBe('!');
    await screenshot(page, 'popup-not-org-owner');
    await popup.close();
  });

  it("IP not on the key's access list: names the IP and the key's list", async () => {
    const { page, popup } = await openOn(org('Globex').id);
    expect(await kindShown(page)).toBe('ip-not-allowed');
    const text = (await page.getByRole('alert').textContent()) ?? '';
    expect(text).toContain('127.0.0.1');
    expect(text).toMatch(/API key's access list/);
    expect(text).toMatch(/not to a project's network access list/);
    await screenshot(page, 'popup-ip-not-allowed');
    await popup.close();
  });

  it('org that requires an access list', async () => {
    const { page, popup } = await openOn(org('Umbrella').id);
    expect(await kindShown(page)).toBe('access-list-required');
    await popup.close();
  });

  it('an Atlas org: says to open the Cloud Manager org', async () => {
    const atlas = run.sandbox.fixture.orgs.find((o) => o.kind === 'atlas')!;
    const { page, popup } = await openOn(atlas.id);
    expect(await kindShown(page)).toBe('atlas-org');
    expect(await page.getByRole('alert').textContent()).toMatch(/Atlas/);
    await popup.close();
  });

  it('rate limited: says how long to wait, and a Link is sent once', async () => {
    const target = org('Initech');
    const { page, popup } = await openOn(target.id);
    await expect.poll(() => page.getByTestId('status').textContent()).toBe('Not linked to Atlas');
    run.sandbox.setFaults([{ kind: 'rate-limit', retryAfterSeconds: 42, match: { method: 'POST' } }]);
    run.sandbox.clearLog();
    await page.getByLabel('Atlas link token').fill(run.sandbox.fixture.linkTokens[0]!.token);
    await page.getByRole('button', { name: 'Link to Atlas' }).click();
    expect(await kindShown(page)).toBe('rate-limited');
    expect(await page.getByRole('alert').textContent()).toContain('42');
    expect(run.sandbox.log.filter((e) => e.method === 'POST' && e.authorized)).toHaveLength(1);
    run.sandbox.clearFaults();
    await popup.close();
  });

  for (const [fault, kind] of [
    ['server-error', 'server-error'],
    ['reset', 'network'],
    ['html', 'server-error'],
    ['upgrade', 'maintenance'],
  ] as const) {
    it(`${fault}: shows ${kind} and never re-sends the link`, async () => {
      const target = org('Initech');
      const { page, popup } = await openOn(target.id);
      await page.getByTestId('status').waitFor();
      run.sandbox.setFaults([{ kind: fault, match: { method: 'POST' } }]);
      run.sandbox.clearLog();
      await page.getByLabel('Atlas link token').fill(run.sandbox.fixture.linkTokens[0]!.token);
      await page.getByRole('button', { name: 'Link to Atlas' }).click();
      expect(await kindShown(page)).toBe(kind);
      const posts = run.sandbox.log.filter((e) => e.method === 'POST');
      // The extension sends the POST once. html/reset hit before authentication (no challenge, no retry), but on a
      // reset Chromium's network stack itself retries a request whose reused keep-alive socket died, so up to 3
      // reset attempts can reach the sandbox; none of them is processed.
      expect(posts.length).toBeLessThanOrEqual(fault === 'reset' ? 3 : 1);
      expect(run.sandbox.links.has(target.id)).toBe(false);
      run.sandbox.clearFaults();
      await popup.close();
    });
  }
});
