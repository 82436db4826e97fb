// The toolbar popup as a test sees it: opened on a tab (the real action popup, see harness.ts), with the locators
// the tests use for its parts — the org panel (status, org id and name, link and re-link, unlink), the key-pair
// forms (first-use setup, an org with no key pair of its own), the project-client question and the unlock form.
import type { Locator, Page } from 'playwright-core';
import type { ExtensionRun, PopupHandle } from './harness';

interface KeyPair {
  publicKey: string;
  privateKey: string;
}

export class PopupPage {
  readonly page: Page;

  private constructor(
    /** The tab the popup was opened for. */
    readonly tab: Page,
    private readonly handle: PopupHandle,
  ) {
    this.page = handle.page;
  }

  /** Opens the popup on a tab, or on a new tab at a URL. */
  static async open(run: ExtensionRun, target: Page | string): Promise<PopupPage> {
    const tab = typeof target === 'string' ? await run.openTab(target) : target;
    return new PopupPage(tab, await run.openPopup(tab));
  }

  close(): Promise<void> {
    return this.handle.close();
  }

  // The org panel.
  get status(): Locator {
    return this.page.getByTestId('status');
  }
  statusText(): Promise<string | null> {
    return this.status.textContent();
  }
  get orgIdField(): Locator {
    return this.page.getByTestId('org-id');
  }
  orgId(): Promise<string | null> {
    return this.orgIdField.textContent();
  }
  orgName(): Promise<string | null> {
    return this.page.locator('#org-name').textContent();
  }
  /** The org panel's title (the org's name). */
  get heading(): Locator {
    return this.page.getByRole('heading', { level: 2 }).first();
  }
  get outcome(): Locator {
    return this.page.getByTestId('outcome');
  }
  get alert(): Locator {
    return this.page.getByRole('alert');
  }
  /** The error kind the alert shows (its `strong`'s data-kind). */
  alertKind(): Promise<string | null> {
    return this.alert.locator('strong').getAttribute('data-kind');
  }
  get tokenField(): Locator {
    return this.page.getByLabel('Atlas link token');
  }
  get linkButton(): Locator {
    return this.page.getByRole('button', { name: 'Link to Atlas' });
  }
  /** Fills the link token and clicks "Link to Atlas". */
  async link(token: string): Promise<void> {
    await this.tokenField.fill(token);
    await this.linkButton.click();
  }
  /** Clicks "Link again with a new token…" (a linked org), and returns the question it opens (an alertdialog). */
  async askToLinkAgain(): Promise<Locator> {
    await this.page.getByRole('button', { name: 'Link again with a new token…' }).click();
    return this.page.getByRole('alertdialog');
  }
  get unlinkButton(): Locator {
    return this.page.getByRole('button', { name: 'Unlink…' });
  }

  // The key-pair forms: first-use setup, and an org with no key pair of its own.
  get noKeyPair(): Locator {
    return this.page.getByTestId('no-key-pair');
  }
  get noKeyPairText(): Locator {
    return this.page.getByTestId('no-key-pair-text');
  }
  /** Fills the key pair (and the client name, when given) and clicks "Save key pair". */
  async saveKeyPair(key: KeyPair, clientName?: string): Promise<void> {
    if (clientName !== undefined) await this.page.getByLabel('Client name').fill(clientName);
    await this.page.getByLabel('Public key (username)').fill(key.publicKey);
    await this.page.getByLabel('Private key (password)').fill(key.privateKey);
    await this.page.getByRole('button', { name: 'Save key pair' }).click();
  }
  /** First use: the vault's first key pair and its passphrase (twice), then "Save key pair". */
  async setUp(key: KeyPair, clientName: string, passphrase: string): Promise<void> {
    await this.page.getByLabel('Client name').fill(clientName);
    await this.page.getByLabel('Public key (username)').fill(key.publicKey);
    await this.page.getByLabel('Private key (password)').fill(key.privateKey);
    await this.page.getByLabel('Passphrase', { exact: true }).fill(passphrase);
    await this.page.getByLabel('Passphrase, again').fill(passphrase);
    await this.page.getByRole('button', { name: 'Save key pair' }).click();
  }

  // A project page whose org no saved key pair knows.
  get projectQuestion(): Locator {
    return this.page.getByRole('heading', { name: 'Which client is this project of?' });
  }
  get clientChoice(): Locator {
    return this.page.getByLabel('Client', { exact: true });
  }

  // The locked vault.
  get unlockOrg(): Locator {
    return this.page.getByTestId('unlock-org');
  }
  async unlock(passphrase: string): Promise<void> {
    await this.page.getByLabel('Passphrase').fill(passphrase);
    await this.page.getByRole('button', { name: 'Unlock' }).click();
  }
}
