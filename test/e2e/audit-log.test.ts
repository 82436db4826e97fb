// The audit log in real Chromium against the sandbox: a link with a pasted token and a create-and-link (the
// client's Atlas key pair makes the token) are listed with the key's public key, the tokens' fingerprints (never a
// token) and the Atlas target; both exports (CSV and JSON Lines, files named with the UTC date, UTC times) carry
// every field and the org's note, and hold no private key, passphrase or token; clearing asks first (cancel and
// Escape clear nothing), exports both files, then leaves exactly the one 'cleared' entry; no axe violation.
import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { AtlasTokenStore } from '../../sandbox/atlas-tokens.ts';
import { tokenFingerprint } from '../../src/core/cloudmanager';
import type { HistoryEntry } from '../../src/shared/domain';
import { violations } from './axe';
import { test } from './fixtures';
import type { ExtensionRun } from './harness';
import { screenshot } from './harness';
import { createVaultWith, keyNamed, openSettings, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';
import { readStored, storedEverything, storedSecretsOf } from './storage-scan';

// The sandbox keeps only fingerprints of the Atlas tokens it issues; the secret scan needs the values.
const issued: string[] = [];
const issue = AtlasTokenStore.prototype.issue;
AtlasTokenStore.prototype.issue = function (this: AtlasTokenStore, ...args: Parameters<typeof issue>) {
  const token = issue.apply(this, args);
  issued.push(token);
  return token;
};

const CLIENT = 'Acme Retail';
const NOTE = 'TICKET-42, handed over to "Kim"';
const acmeOf = (run: ExtensionRun) => orgNamed(run, 'Acme Retail');
const atlasOrgOf = (run: ExtensionRun) => run.sandbox.fixture.orgs.find((o) => o.name === 'Acme Retail (Atlas)')!;
const pastedTokenOf = (run: ExtensionRun) =>
  run.sandbox.fixture.linkTokens[run.sandbox.fixture.orgs.indexOf(acmeOf(run))]!.token;
const utcDate = () => new Date().toISOString().slice(0, 10);

/** The settings page's History section: its table, exports and clear dialog. */
class HistoryPage {
  constructor(readonly page: Page) {}
  static async open(run: ExtensionRun): Promise<HistoryPage> {
    const page = await openSettings(run);
    await page.getByRole('button', { name: 'History', exact: true }).click();
    return new HistoryPage(page);
  }
  get table() {
    return this.page.getByTestId('history');
  }
  get dialog() {
    return this.page.getByTestId('clear-history-dialog');
  }
  /** Each body row's cells, as text. */
  rows(): Promise<string[][]> {
    return this.table
      .locator('tbody tr')
      .evaluateAll((rows) => rows.map((r) => [...r.querySelectorAll('td')].map((c) => c.textContent?.trim() ?? '')));
  }
  /** Clicks and answers the downloads it starts: suggested file name and text. */
  async downloadsOf(click: () => Promise<void>, count: number): Promise<{ name: string; text: string }[]> {
    const downloads: Download[] = [];
    const all = new Promise<void>((resolve) => {
      const onDownload = (d: Download) => {
        downloads.push(d);
        if (downloads.length === count) {
          this.page.off('download', onDownload);
          resolve();
        }
      };
      this.page.on('download', onDownload);
    });
    await click();
    await all;
    return Promise.all(
      downloads.map(async (d) => ({ name: d.suggestedFilename(), text: readFileSync(await d.path(), 'utf8') })),
    );
  }
}

/** The texts a scan must never find: private keys, the passphrase, every link token (pasted and made). */
const secretsOf = (run: ExtensionRun) => [
  ...storedSecretsOf(run.sandbox.fixture),
  PASSPHRASE,
  pastedTokenOf(run),
  ...issued,
];

describe('the audit log: link, create-and-link, export, clear', () => {
  let exported: { name: string; text: string }[] = [];

  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', CLIENT);
    const atlas = keyNamed(run, 'atlas');
    await sendFromExtensionPage(run, 'profiles/add', {
      profile: { label: CLIENT, publicKey: atlas.publicKey, privateKey: atlas.privateKey, side: 'atlas' },
    });
    const acme = acmeOf(run).id;
    // A pasted token, an unlink, then the extension makes a token with the client's Atlas key pair and links.
    await sendFromExtensionPage(run, 'link/create', { orgId: acme, linkToken: pastedTokenOf(run) });
    await sendFromExtensionPage(run, 'link/delete', { orgId: acme });
    await sendFromExtensionPage(run, 'atlas/link', { orgId: acme, atlasOrgId: atlasOrgOf(run).id });
    await sendFromExtensionPage(run, 'org/set-note', { orgId: acme, note: NOTE });
    expect(issued).toHaveLength(1);
    expect(run.sandbox.links.get(acme)?.atlasOrgId).toBe(atlasOrgOf(run).id);
  });

  test('lists both links with their fingerprints and source, the public key and the Atlas target', async ({ run }) => {
    const history = await HistoryPage.open(run);
    try {
      await history.table.waitFor();
      const owner = keyNamed(run, 'owner').publicKey;
      const acme = acmeOf(run);
      const rows = (await history.rows()).map((cells) => cells.slice(1));
      expect(rows).toEqual([
        [
          `${acme.name} ${acme.id}`,
          'link',
          'Linked, synced',
          CLIENT,
          owner,
          `${await tokenFingerprint(issued[0]!)} (made by the extension)`,
          atlasOrgOf(run).id,
        ],
        [`${acme.name} ${acme.id}`, 'unlink', 'Not linked to Atlas', CLIENT, owner, '', ''],
        [
          `${acme.name} ${acme.id}`,
          'link',
          'Linked, synced',
          CLIENT,
          owner,
          `${await tokenFingerprint(pastedTokenOf(run))} (pasted)`,
          '',
        ],
      ]);
      await expect.poll(() => history.page.getByTestId('history-dropped').count()).toBe(0);
      await screenshot(history.page, 'history-audit-log', { fullPage: true });
      expect([...(await violations(history.page, 'light')), ...(await violations(history.page, 'dark'))]).toEqual([]);
    } finally {
      await history.page.close();
    }
  });

  test('exports CSV and JSON Lines with every field, UTC times and the note; no secret in either', async ({ run }) => {
    const history = await HistoryPage.open(run);
    try {
      await history.table.waitFor();
      const csv = await history.downloadsOf(() => history.page.getByRole('button', { name: 'Export CSV' }).click(), 1);
      const jsonl = await history.downloadsOf(
        () => history.page.getByRole('button', { name: 'Export JSON Lines' }).click(),
        1,
      );
      exported = [...csv, ...jsonl];
      expect(exported.map((file) => file.name)).toEqual([
        `atlas-link-history-${utcDate()}.csv`,
        `atlas-link-history-${utcDate()}.jsonl`,
      ]);
      const acme = acmeOf(run);
      const owner = keyNamed(run, 'owner').publicKey;
      const made = await tokenFingerprint(issued[0]!);
      const pasted = await tokenFingerprint(pastedTokenOf(run));

      const records = jsonl[0]!.text
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line));
      expect(records.map(({ time: _time, ...rest }) => rest)).toEqual([
        {
          orgId: acme.id,
          orgName: acme.name,
          operation: 'link',
          result: 'SYNCED',
          ok: true,
          client: CLIENT,
          outcome: 'Linked, synced',
          publicKey: owner,
          tokenFingerprint: pasted,
          tokenSource: 'pasted',
          atlasOrgId: null,
          orgNote: NOTE,
          clearedCount: null,
          seq: 1,
        },
        {
          orgId: acme.id,
          orgName: acme.name,
          operation: 'unlink',
          result: 'NOT_LINKED',
          ok: true,
          client: CLIENT,
          outcome: 'Not linked to Atlas',
          publicKey: owner,
          tokenFingerprint: null,
          tokenSource: null,
          atlasOrgId: null,
          orgNote: NOTE,
          clearedCount: null,
          seq: 2,
        },
        {
          orgId: acme.id,
          orgName: acme.name,
          operation: 'link',
          result: 'SYNCED',
          ok: true,
          client: CLIENT,
          outcome: 'Linked, synced',
          publicKey: owner,
          tokenFingerprint: made,
          tokenSource: 'created',
          atlasOrgId: atlasOrgOf(run).id,
          orgNote: NOTE,
          clearedCount: null,
          seq: 3,
        },
      ]);
      for (const record of records) expect(record.time).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);

      const lines = csv[0]!.text
        .replace(/^\uFEFF/, '')
        .trimEnd()
        .split('\r\n');
      expect(lines).toEqual([
        'time,orgId,orgName,operation,result,ok,client,outcome,publicKey,tokenFingerprint,tokenSource,atlasOrgId,orgNote,clearedCount,seq',
        `${records[0].time},${acme.id},${acme.name},link,SYNCED,yes,${CLIENT},"Linked, synced",${owner},${pasted},pasted,,"TICKET-42, handed over to ""Kim""",,1`,
        `${records[1].time},${acme.id},${acme.name},unlink,NOT_LINKED,yes,${CLIENT},Not linked to Atlas,${owner},,,,"TICKET-42, handed over to ""Kim""",,2`,
        `${records[2].time},${acme.id},${acme.name},link,SYNCED,yes,${CLIENT},"Linked, synced",${owner},${made},created,${atlasOrgOf(run).id},"TICKET-42, handed over to ""Kim""",,3`,
      ]);

      // The secret scan covers the exports, as it covers storage and the console.
      const { text: stored } = await storedEverything(await run.worker());
      expect(issued).toHaveLength(1);
      for (const secret of secretsOf(run)) {
        for (const file of exported) expect(file.text, file.name).not.toContain(secret);
        expect(stored).not.toContain(secret);
        expect(run.consoleLines.join('\n')).not.toContain(secret);
      }
    } finally {
      await history.page.close();
    }
  });

  test('clears only once confirmed, exports both files first, and keeps exactly the one cleared entry', async ({
    run,
  }) => {
    const history = await HistoryPage.open(run);
    try {
      await history.table.waitFor();
      const clearButton = history.page.getByRole('button', { name: 'Clear history' });
      // Cancel and Escape clear nothing.
      await clearButton.click();
      await history.dialog.waitFor();
      await expect.poll(() => history.dialog.getByRole('heading').textContent()).toBe('Clear the history?');
      await history.dialog.getByRole('button', { name: 'Cancel' }).click();
      await history.dialog.waitFor({ state: 'detached' });
      await clearButton.click();
      await history.dialog.waitFor();
      await history.page.keyboard.press('Escape');
      await history.dialog.waitFor({ state: 'detached' });
      expect(await readStored(await run.worker(), 'history')).toHaveLength(3);
      // Focus is back on the button that opened the dialog.
      await expect.poll(() => clearButton.evaluate((b) => b === document.activeElement)).toBe(true);

      await clearButton.click();
      await history.dialog.waitFor();
      await screenshot(history.page, 'history-clear-dialog');
      expect(await violations(history.page, 'light')).toEqual([]);
      const before = Date.now();
      const files = await history.downloadsOf(
        () => history.dialog.getByRole('button', { name: 'Export (CSV and JSON Lines), then clear' }).click(),
        2,
      );
      expect(files.map((file) => file.name).sort()).toEqual([
        `atlas-link-history-${utcDate()}.csv`,
        `atlas-link-history-${utcDate()}.jsonl`,
      ]);
      // What was exported before the clear is the whole log, as the export button gave it.
      expect(files.find((f) => f.name.endsWith('.jsonl'))?.text).toBe(exported[1]!.text);
      for (const secret of secretsOf(run)) for (const file of files) expect(file.text).not.toContain(secret);

      await expect
        .poll(() => history.page.getByTestId('history-outcome').textContent())
        .toBe('The history was cleared.');
      expect((await history.rows()).map((cells) => cells.slice(1, 5))).toEqual([
        ['', 'Clear history', '3 entries removed', ''],
      ]);
      const stored = (await readStored(await run.worker(), 'history')) as HistoryEntry[];
      expect(stored).toEqual([
        {
          time: expect.any(Number),
          orgId: '',
          operation: 'clear-log',
          result: 'cleared',
          ok: true,
          profileLabel: '',
          seq: 1,
          clearedCount: 3,
        },
      ]);
      expect(stored[0]!.time).toBeGreaterThanOrEqual(before);
      expect(await sendFromExtensionPage(run, 'history/list', {})).toEqual(stored);
      // The org's note stays with the org.
      expect(await sendFromExtensionPage(run, 'org/notes', {})).toEqual({ [acmeOf(run).id]: NOTE });
    } finally {
      await history.page.close();
    }
  });
});
