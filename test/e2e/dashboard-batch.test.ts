// Batch setup from the dashboard in real Chromium against the sandbox: 27 Cloud Manager orgs of two clients (a key
// pair each, labelled by client), of which only 2 are listed. A CSV of 30 orgs (ids, one org page address, clients,
// a few Atlas targets) is previewed — 25 to add, 3 already there (2 rows of the table, 1 repeated line), 2 invalid
// with why — with nothing saved, then added at once: 25 rows, each with its client's key pair of its own org. Then
// one client is assigned to 3 selected rows with the keyboard, and a row the client does not serve is refused.
import { describe, expect } from 'vitest';
import { generateFixture } from '../../sandbox/fixture';
import { DashboardPage } from './dashboard-page';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, screenshot } from './harness';
import { addProfilesFor, createVaultWith, sendIn } from './steps';

const CLIENTS = ['Acme', 'Globex'] as const;
/** Org i (0..26) belongs to Acme for i < 14, else to Globex; Atlas org 0 is Acme's. */
const clientOf = (i: number) => CLIENTS[i < 14 ? 0 : 1];
const cmOrgs = (run: ExtensionRun) => run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager');
const atlasOrg = (run: ExtensionRun) => run.sandbox.fixture.orgs.find((o) => o.kind === 'atlas')!;
/** Orgs 22, 23 and 24 are listed without a client (their lines name none). */
const NO_CLIENT = [22, 23, 24];

test.override('launch', { sandbox: { fixture: generateFixture({ orgs: 27, seed: 17, atlasOrgs: 1 }) } });

describe('dashboard: batch setup', () => {
  let dash: DashboardPage;
  let keyPairOf: string[];

  test.beforeAll(async ({ run }) => {
    const first = await createVaultWith(run, 'key1', clientOf(0));
    const others = await addProfilesFor(
      run,
      cmOrgs(run)
        .slice(1)
        .map((_, j) => ({ keyName: `key${j + 2}`, label: clientOf(j + 1) })),
    );
    keyPairOf = [first.id, ...others.map((p) => p.id)];
    await DashboardPage.addAtlasKeyPair(run, 'atlas1', CLIENTS[0]);
    dash = await DashboardPage.open(run);
    // Saving a key pair lists its org: forget orgs 0..24 here (their key pairs stay saved).
    for (const org of cmOrgs(run).slice(0, 25)) await sendIn(dash.page, 'dashboard/remove-org', { orgId: org.id });
    await dash.goto();
  }, 180_000);

  test('a CSV of 30 orgs: a preview (25 to add, 3 already there, 2 invalid with why), then all added', async ({
    run,
  }) => {
    const orgs = cmOrgs(run);
    const atlas = atlasOrg(run);
    await expect.poll(() => dash.rowCount()).toBe(2);
    run.sandbox.clearLog();
    const lines = [
      'orgId,client,atlasOrgId',
      ...orgs.slice(0, 25).map((o, i) => {
        if (NO_CLIENT.includes(i)) return o.id; // one value: no client
        const first = i === 5 ? orgPageUrl(o.id) : i === 6 ? o.id.toUpperCase() : o.id;
        return i < 3 ? `${first},${clientOf(i)},${atlas.id}` : `"${first}",${clientOf(i)}`;
      }), // lines 2..26: line 7 is an org page's address, line 8 an id in capitals
      `${orgs[25]!.id},${clientOf(25)}`, // 27: a row of the table
      `${orgs[26]!.id}`, // 28: a row of the table
      `${orgs[0]!.id},${clientOf(0)}`, // 29: line 2 again
      'not-an-org,Acme', // 30
      `${atlas.id},Acme`, // 31: an org no key pair of Acme serves
    ];
    expect(lines).toHaveLength(31);
    await dash.previewBatch(lines.join('\n'));
    const preview = dash.batchAdd.getByTestId('batch-preview');
    await expect
      .poll(() => preview.getByTestId('batch-summary').textContent())
      .toBe('25 to add · 3 already there · 2 invalid');
    const toAdd = preview.getByTestId('batch-add');
    await expect.poll(() => toAdd.locator('tbody tr').count()).toBe(25);
    await expect
      .poll(() => toAdd.locator(`tr[data-org-id="${orgs[1]!.id}"]`).textContent())
      .toBe(`3${orgs[1]!.id}Acme${atlas.name}`);
    await expect
      .poll(() => toAdd.locator(`tr[data-org-id="${orgs[5]!.id}"]`).textContent())
      .toBe(`7${orgs[5]!.id}Acme`);
    await expect
      .poll(() => toAdd.locator(`tr[data-org-id="${orgs[23]!.id}"]`).textContent())
      .toBe(`25${orgs[23]!.id}no client`);
    await expect
      .poll(() => preview.getByTestId('batch-existing').locator('tbody tr').allTextContents())
      .toEqual([
        `27${orgs[25]!.id}already in the table`,
        `28${orgs[26]!.id}already in the table`,
        `29${orgs[0]!.id}already on line 2`,
      ]);
    await expect
      .poll(() => preview.getByTestId('batch-invalid').locator('tbody tr').allTextContents())
      .toEqual([
        // Each invalid line shown as it was pasted, between its number and why.
        '30not-an-org,Acmethe first value is not an org id or the address of a Cloud Manager or Ops Manager page',
        `31${atlas.id},Acmeno key pair of that client serves this org`,
      ]);
    // Nothing is saved by the preview.
    expect((await dash.view()).rows).toHaveLength(2);
    await screenshot(dash.page, 'dashboard-batch-preview');

    await dash.batchAdd.getByRole('button', { name: 'Add 25 orgs' }).click();
    // Said beside the import that added them, not at the top of the page.
    await expect
      .poll(() => dash.batchAdd.getByTestId('batch-outcome').textContent())
      .toContain('25 orgs added, 0 not added.');
    await expect.poll(() => dash.rowCount()).toBe(27);
    const rows = (await dash.view()).rows;
    expect(rows).toHaveLength(27);
    for (const [i, org] of orgs.slice(0, 25).entries()) {
      const row = rows.find((r) => r.orgId === org.id);
      expect(row?.name).toBe(org.name);
      expect(row?.profileId).toBe(NO_CLIENT.includes(i) ? undefined : keyPairOf[i]);
      expect(row?.profileLabel).toBe(NO_CLIENT.includes(i) ? undefined : clientOf(i));
      // The CSV's three targets are choices; the client's only Atlas org is the others' default.
      expect(row?.atlasTarget === 'chosen' ? row.atlasOrgId : undefined).toBe(i < 3 ? atlas.id : undefined);
    }
    // Added from what the vault knows: no request to Cloud Manager or Atlas.
    expect(run.sandbox.log.filter((e) => e.path.startsWith('/api/'))).toEqual([]);
  });

  test('one client for 3 selected rows, with the keyboard; a row the client does not serve is refused', async ({
    run,
  }) => {
    const { page } = dash;
    const orgs = cmOrgs(run);
    for (const i of NO_CLIENT) {
      await dash.selectOf(orgs[i]!.id).focus();
      await page.keyboard.press('Space');
    }
    await dash.openTool('Assign client');
    const section = dash.assignClient;
    await section.getByLabel('Client for the selected rows').selectOption('Globex');
    await section.getByRole('button', { name: 'Assign to 3 selected rows' }).focus();
    await page.keyboard.press('Enter');
    await expect
      .poll(() => section.getByTestId('assign-outcome').textContent())
      .toContain('Client Globex assigned to 3 rows; 0 refused.');
    const rows = (await dash.view()).rows;
    for (const i of NO_CLIENT) {
      expect(rows.find((r) => r.orgId === orgs[i]!.id)).toMatchObject({
        profileId: keyPairOf[i],
        profileLabel: 'Globex',
      });
    }

    // An Acme org: no key pair of Globex serves it, and its client stays Acme's.
    const refused = await sendIn(page, 'dashboard/set-clients', { orgIds: [orgs[2]!.id], client: 'Globex' });
    expect(refused).toEqual({ results: [{ orgId: orgs[2]!.id, refused: 'not-serving' }] });
    expect((await dash.view()).rows.find((r) => r.orgId === orgs[2]!.id)?.profileId).toBe(keyPairOf[2]);
  });
});
