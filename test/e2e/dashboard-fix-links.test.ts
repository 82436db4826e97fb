// Where to fix a dashboard row's error, one click away, in real Chromium against the sandbox: Globex's own key pair
// (the fixture's `elsewhere`, saved while its access list let this machine in) is refused by Cloud Manager with
// IP_ADDRESS_NOT_ON_ACCESS_LIST when the row is checked. The row shows the short sentence only; "What to do" opens
// the remedy from the keyboard; "Fix the key's access list" and "Open in Cloud Manager" are exactly Globex's API
// keys page and org page (and open there in a new tab); the Copy button copies the IP the sandbox reported; axe
// finds nothing on the opened row.

import { describe, expect } from 'vitest';
import { violations } from './axe';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { screenshot } from './harness';
import { addProfileFor, createVaultWith, keyNamed, orgNamed } from './steps';

const STATUS_PATH = '/liveExport/migrationLink/status';

describe("dashboard: a row's error, and where to fix it", () => {
  test('an access-list error: short label, remedy on expand, deep links to the org and the key, the IP copied', async ({
    run,
  }) => {
    const globex = orgNamed(run, 'Globex');
    const acme = orgNamed(run, 'Acme');
    await createVaultWith(run, 'owner', 'Acme client');
    // Saved while the key's access list lets this machine in, then fenced again as the fixture has it.
    const fenced = keyNamed(run, 'elsewhere');
    const accessList = fenced.accessList;
    fenced.accessList = ['127.0.0.1/32', '::1/128'];
    try {
      await addProfileFor(run, 'elsewhere', 'Globex client');
    } finally {
      fenced.accessList = accessList;
    }
    // To read the clipboard back (an extension page has no origin that can be named here: granted to all).
    await run.context.grantPermissions(['clipboard-read', 'clipboard-write']);
    const dash = await DashboardPage.open(run);
    const page = dash.page;

    // Checking the row: one status call for Globex, refused for the caller's IP.
    run.sandbox.clearLog();
    await dash.checkButtonOf(globex.id).click();
    await expect.poll(() => dash.row(globex.id).getAttribute('data-status')).toBe('error');
    const calls = run.sandbox.log.filter((e) => e.path.includes(STATUS_PATH) && e.status !== 401);
    expect(calls.map((e) => [e.path.includes(globex.id), e.status])).toEqual([[true, 403]]);
    const view = await dash.view();
    const error = view.rows.find((r) => r.orgId === globex.id)?.error;
    expect(error?.kind).toBe('ip-not-allowed');
    const ip = error?.params?.ip;
    expect(ip).toBe('127.0.0.1');

    // The short label only; the remedy is behind "What to do", closed.
    const status = dash.row(globex.id).getByTestId('row-status');
    await expect
      .poll(() => status.locator('.status').textContent())
      .toBe(`This computer's IP address ${ip} is not on the API key's access list.`);
    const toggle = dash.fixToggleOf(globex.id);
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => dash.remedyOf(globex.id).isVisible()).toBe(false);

    // Opened from the keyboard: the whole remedy, with the IP to copy.
    await toggle.focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('true');
    await dash.remedyOf(globex.id).waitFor({ state: 'visible' });
    await expect
      .poll(() => dash.remedyOf(globex.id).textContent())
      .toContain(
        `Add ${ip} to the API key's access list (Organization → Identity & Access → Applications, API Keys tab → Edit`,
      );
    await page.keyboard.press('Space');
    await expect.poll(() => toggle.getAttribute('aria-expanded')).toBe('false');
    await expect.poll(() => dash.remedyOf(globex.id).isVisible()).toBe(false);
    await page.keyboard.press('Enter');
    await dash.remedyOf(globex.id).waitFor({ state: 'visible' });

    // The deep links: exactly Globex's API keys page and its org page, each in a new tab.
    const keyPage = `https://cloud.mongodb.com/v2#/org/${globex.id}/access/apiKeys`;
    const orgPage = `https://cloud.mongodb.com/v2#/org/${globex.id}/projects`;
    const fix = dash.fixAccessListOf(globex.id);
    const open = dash.openOrgOf(globex.id);
    await expect.poll(() => fix.textContent()).toBe("Fix the key's access list");
    expect(await fix.getAttribute('href')).toBe(keyPage);
    // An icon (the row's actions fit 1280 px): its words in its tooltip, its name says the org and the new tab.
    await expect.poll(() => open.getAttribute('title')).toBe('Open in Cloud Manager');
    expect(await open.getAttribute('aria-label')).toBe(`Open in Cloud Manager: ${globex.name} (new tab)`);
    expect(await open.getAttribute('href')).toBe(orgPage);
    for (const link of [fix, open]) {
      expect(await link.getAttribute('target')).toBe('_blank');
      expect((await link.getAttribute('rel'))?.split(' ')).toContain('noopener');
    }
    const [tab] = await Promise.all([run.context.waitForEvent('page'), fix.click()]);
    await tab.waitForLoadState();
    expect(tab.url()).toBe(keyPage);
    await tab.close();

    // Every row links to its own org's page; a row without an error has no fix link and no "What to do".
    expect(await dash.openOrgOf(acme.id).getAttribute('href')).toBe(
      `https://cloud.mongodb.com/v2#/org/${acme.id}/projects`,
    );
    expect(await dash.fixAccessListOf(acme.id).count()).toBe(0);
    expect(await dash.fixToggleOf(acme.id).count()).toBe(0);

    // Copy: the IP the sandbox reported lands on the clipboard, and the row says so.
    await page.bringToFront();
    await dash.copyIpOf(globex.id).click();
    await expect.poll(() => dash.copyIpStatusOf(globex.id).textContent()).toBe('Copied');
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(ip);
    await screenshot(page, 'dashboard-fix-links');
    // The opened row (links, disclosure, Copy and its status) passes axe in both colour schemes.
    expect([...(await violations(page, 'light')), ...(await violations(page, 'dark'))]).toEqual([]);
  });
});
