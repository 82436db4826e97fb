// The toolbar popup as a test sees it: opened on a tab (the real action popup, see harness.ts), with the locators
// the tests use for its parts — the org panel (status, org id and name, link and re-link, unlink), the key-pair
// forms (first-use setup, an org with no key pair of its own), the project-client question and the unlock form;
// and "Create token and link" with the Atlas org's token revoke, on a Cloud Manager or an Atlas org page.
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

  // Create token and link (a client with an Atlas key pair), on a Cloud Manager or an Atlas org page.
  get createAndLink(): Locator {
    return this.page.getByTestId('create-and-link');
  }
  /** The Atlas org to link to (a Cloud Manager org page). */
  get atlasTarget(): Locator {
    return this.page.getByLabel('Atlas organization', { exact: true });
  }
  /** The client's Cloud Manager org to link (an Atlas org page). */
  get clientOrgChoice(): Locator {
    return this.page.getByLabel('Cloud Manager organization', { exact: true });
  }
  get createAndLinkButton(): Locator {
    return this.createAndLink.getByRole('button', { name: /^(Create token and link|Creating a token and linking…)$/ });
  }
  /** The note on a token kept for a retry. */
  get atlasPending(): Locator {
    return this.page.getByTestId('atlas-link-pending');
  }
  get atlasOrgPanel(): Locator {
    return this.page.getByTestId('atlas-org-panel');
  }
  get revokeTokenButton(): Locator {
    return this.page.getByRole('button', { name: /^(Revoke the Atlas organization's link token…|Revoking…)$/ });
  }
  /** Clicks "Revoke the Atlas organization's link token…", and returns the question it opens (an alertdialog). */
  async askToRevoke(): Promise<Locator> {
    await this.revokeTokenButton.click();
    return this.page.getByTestId('revoke-confirm');
  }
  get revokeOutcome(): Locator {
    return this.page.getByTestId('revoke-outcome');
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
