// The dashboard (the settings page's "All orgs" section) as a test sees it: rows by org id, refresh all and its
// progress, adding an org, a row's link, unlink and edit dialogs, the filters, Atlas targets (a row's list, the CSV
// import) and create and link; the worker's view of the table
// through typed messages from the page itself.
import type { Locator, Page } from 'playwright-core';
import type { Reply } from '../../src/shared/messages';
import type { ExtensionRun } from './harness';
import { keyNamed, openSettings, sendFromExtensionPage, sendIn } from './steps';

export class DashboardPage {
  private constructor(
    readonly run: ExtensionRun,
    readonly page: Page,
  ) {}

  /** Opens the dashboard in a new tab. */
  static async open(run: ExtensionRun): Promise<DashboardPage> {
    const dashboard = new DashboardPage(run, await openSettings(run));
    await dashboard.goto();
    return dashboard;
  }

  /** Loads the settings page again and goes to "All orgs", until the table shows. */
  async goto(): Promise<void> {
    await this.page.goto(`chrome-extension://${this.run.extensionId}/src/options/index.html`);
    await this.page.getByRole('button', { name: 'All orgs' }).click();
    await this.page.getByTestId('org-table').waitFor();
  }

  // The table.
  row(orgId: string): Locator {
    return this.page.locator(`tr[data-org-id="${orgId}"]`);
  }
  rowStatus(orgId: string): Promise<string | null> {
    return this.row(orgId).getByTestId('row-status').textContent();
  }
  /** Rows shown (not hidden by a filter). */
  rowCount = (): Promise<number> => this.page.locator('tbody tr:not([hidden])').count();
  linkButtonOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^Link .* to Atlas…$/ });
  }
  unlinkButtonOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^Unlink .* from Atlas…$/ });
  }
  editButtonOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^Edit .*: client or removal…$/ });
  }
  checkButtonOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^Check status of / });
  }

  // Where to fix a row's error: "What to do" (the remedy), the key's access-list page, the org's page, the IP's Copy.
  fixToggleOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^What to do: / });
  }
  remedyOf(orgId: string): Locator {
    return this.row(orgId).getByTestId('row-remedy');
  }
  fixAccessListOf(orgId: string): Locator {
    return this.row(orgId).getByTestId('fix-access-list');
  }
  openOrgOf(orgId: string): Locator {
    return this.row(orgId).getByTestId('open-org');
  }
  copyIpOf(orgId: string): Locator {
    return this.row(orgId).getByRole('button', { name: /^Copy the IP address / });
  }
  copyIpStatusOf(orgId: string): Locator {
    return this.row(orgId).getByTestId('copy-ip-status');
  }

  /** The result of the row's last action, said in the row (under its status). */
  outcomeOf(orgId: string): Locator {
    return this.row(orgId).getByTestId('row-outcome');
  }
  /** The result of removing an org: its row is gone, so it is said above the table. */
  get removedOutcome(): Locator {
    return this.page.getByTestId('removed-outcome');
  }
  /** Whether the table fits the window's width (tableFit). */
  tableFit() {
    return tableFit(this.page);
  }
  /** Whether the focus is inside `locator`. */
  holdsFocus(locator: Locator): Promise<boolean> {
    return locator.evaluate((el) => el.contains(document.activeElement));
  }

  // A row's dialogs.
  get linkDialog(): Locator {
    return this.page.getByTestId('link-dialog');
  }
  get unlinkDialog(): Locator {
    return this.page.getByTestId('unlink-dialog');
  }
  get editDialog(): Locator {
    return this.page.getByTestId('edit-dialog');
  }

  // Refresh all.
  async refreshAll(): Promise<void> {
    await this.page.getByTestId('refresh-all').click();
  }
  /** The refresh's last line ('Refresh finished: …'). */
  refreshStatus = (): Promise<string | null> => this.page.getByTestId('refresh-status').textContent();
  /** The run's count of calls in progress as the worker reports it, sampled from the page until it ends. */
  sampleRunning(ms: number): Promise<number[]> {
    return this.page.evaluate(async (duration) => {
      const seen: number[] = [];
      const end = Date.now() + duration;
      while (Date.now() < end) {
        const reply = (await chrome.runtime.sendMessage({
          name: 'dashboard/progress',
          request: {},
        })) as Reply<'dashboard/progress'>;
        const value = reply.ok ? reply.value : undefined;
        if (value) seen.push(value.running);
        if (value && value.state !== 'running') break;
        await new Promise((r) => setTimeout(r, 25));
      }
      return seen;
    }, ms);
  }

  // The tools the toolbar opens (closed by default): "Add orgs", "Import Atlas targets", "Assign client".
  toolToggle(name: 'Add orgs' | 'Import Atlas targets' | 'Assign client'): Locator {
    return this.page.locator('.tool-toggles').getByRole('button', { name, exact: true });
  }
  /** Opens a tool unless it is open already. */
  async openTool(name: 'Add orgs' | 'Import Atlas targets' | 'Assign client'): Promise<void> {
    const toggle = this.toolToggle(name);
    if ((await toggle.getAttribute('aria-expanded')) !== 'true') await toggle.click();
  }

  /** Closes whichever tool is open (the first screen as a user finds it). */
  async closeTools(): Promise<void> {
    for (const toggle of await this.page.locator('.tool-toggles button[aria-expanded="true"]').all()) {
      await toggle.click();
    }
  }

  // Adding an org.
  get address(): Locator {
    return this.page.getByLabel('Org id or Cloud Manager page address');
  }
  get clientForAddress(): Locator {
    return this.page.getByLabel('Client, for a project address (optional)');
  }
  get addOutcome(): Locator {
    return this.page.getByTestId('add-org-outcome');
  }
  /** Opens "Add orgs", fills the address (and picks the client, when given), then "Add". */
  async addOrg(input: string, clientLabel?: string): Promise<void> {
    await this.openTool('Add orgs');
    await this.address.fill(input);
    if (clientLabel !== undefined) await this.clientForAddress.selectOption({ label: clientLabel });
    await this.page.getByRole('button', { name: 'Add', exact: true }).click();
  }

  // Filters.
  get clientFilter(): Locator {
    return this.page.getByLabel('Client', { exact: true });
  }
  get statusFilter(): Locator {
    return this.page.getByLabel('Status', { exact: true });
  }
  get search(): Locator {
    return this.page.getByLabel('Search');
  }

  // Atlas targets and create and link.
  targetOf(orgId: string): Locator {
    return this.row(orgId).getByRole('combobox', { name: /^Atlas target for / });
  }
  get selectShown(): Locator {
    return this.page.getByTestId('select-shown');
  }
  get targetImport(): Locator {
    return this.page.getByTestId('target-import');
  }
  /** Opens the CSV import, pastes `csv` and asks for the preview. */
  async previewTargets(csv: string): Promise<void> {
    await this.openTool('Import Atlas targets');
    const section = this.targetImport;
    await section.getByLabel('CSV text (or paste it here)').fill(csv);
    await section.getByRole('button', { name: 'Preview' }).click();
    await section.getByTestId('target-import-preview').waitFor();
  }
  // Batch setup: many orgs at once, and one client for the selected rows.
  get batchAdd(): Locator {
    return this.page.getByTestId('batch-add-orgs');
  }
  /** Opens "Add orgs", pastes `text` into "Add many orgs" and asks for the preview. */
  async previewBatch(text: string): Promise<void> {
    await this.openTool('Add orgs');
    const section = this.batchAdd;
    await section.getByLabel('Org ids, page addresses or CSV').fill(text);
    await section.getByRole('button', { name: 'Preview the orgs' }).click();
    await section.getByTestId('batch-preview').waitFor();
  }
  selectOf(orgId: string): Locator {
    return this.row(orgId).getByRole('checkbox');
  }
  /** "Assign client" (open it first: openTool('Assign client')). */
  get assignClient(): Locator {
    return this.page.getByTestId('assign-client');
  }
  get linkRunStart(): Locator {
    return this.page.getByTestId('link-run-start');
  }
  /** The create-and-link run's last line ('Create and link finished: …'). */
  linkRunStatus = (): Promise<string | null> => this.page.getByTestId('link-run-status').textContent();

  /** Saves an Atlas key pair of the fixture's key `keyName` as the client `label`'s (its Atlas org named by Atlas). */
  static async addAtlasKeyPair(run: ExtensionRun, keyName: string, label: string): Promise<void> {
    const key = keyNamed(run, keyName);
    await sendFromExtensionPage(run, 'profiles/add', {
      profile: { label, publicKey: key.publicKey, privateKey: key.privateKey, side: 'atlas' },
    });
  }

  /** The worker's view of the table, asked from this page. */
  view() {
    return sendIn(this.page, 'dashboard/view', {});
  }
}

/**
 * Whether the dashboard's table fits the page's width: what its scrolling box and the table itself would scroll
 * sideways, and how many rows' actions cell cuts its content (the last column, "Open in Cloud Manager" included).
 */
export function tableFit(page: Page) {
  return page.evaluate(() => {
    const box = document.querySelector<HTMLElement>('.table-scroll')!;
    const table = document.querySelector<HTMLElement>('table.orgs')!;
    const cells = [...document.querySelectorAll<HTMLElement>('tbody tr:not([hidden]) td.actions')];
    return {
      boxScrollWidth: box.scrollWidth,
      boxClientWidth: box.clientWidth,
      tableScrollWidth: table.scrollWidth,
      tableClientWidth: table.clientWidth,
      actionsCut: cells.filter((td) => td.scrollWidth > td.clientWidth).length,
      actionsWidth: cells[0]?.clientWidth,
    };
  });
}
