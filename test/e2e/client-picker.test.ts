// Clients picked, not retyped (#31 item 2), in Chromium against the sandbox: the key-pair form's client field is a
// combobox of the saved clients (on the Atlas side, those with a Cloud Manager key pair, and a name none has is said
// so); an Atlas key saved as "Globex" beside "Globex Logistics" is asked about before anything is sent, and the
// saved name chosen with the keyboard pairs it (the popup then offers Create token and link); the settings' Clients
// overview lists each client's Cloud Manager and Atlas orgs; a rename renames the client on all its key pairs, and a
// name close to another client's joins the two only once confirmed.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { test } from './fixtures';
import { type ExtensionRun, orgPageUrl, screenshot } from './harness';
import {
  addProfileFor,
  createVaultWith,
  keyNamed,
  openSettings,
  orgNamed,
  sendFromExtensionPage,
  sendIn,
} from './steps';

const atlasOrg = (run: ExtensionRun, name: string) => run.sandbox.fixture.orgs.find((o) => o.name === name)!;

async function addAtlasKeyPair(run: ExtensionRun, keyName: string, label: string) {
  const key = keyNamed(run, keyName);
  await sendFromExtensionPage(run, 'profiles/add', {
    profile: { label, publicKey: key.publicKey, privateKey: key.privateKey, side: 'atlas' },
  });
}

/** The labels of the saved key pairs, as the worker lists them. */
const labels = async (page: Page) => (await sendIn(page, 'profiles/list', {})).map((p) => p.label).sort();

describe('clients you pick', () => {
  let page: Page;
  test.beforeAll(async ({ run }) => {
    await createVaultWith(run, 'owner', 'Acme Retail');
    await addProfileFor(run, 'globex', 'Globex Logistics');
    await addAtlasKeyPair(run, 'atlas', 'Acme Retail');
    // A client with an Atlas key pair only: offered on the Cloud Manager side, not on the Atlas side.
    await addAtlasKeyPair(run, 'atlasinitech', 'Initech Finance');
    page = await openSettings(run);
  });

  const form = () => page.getByTestId('add-profile');
  const clientField = () => form().getByRole('combobox', { name: 'Client name' });
  const offered = async () => {
    const list = await clientField().getAttribute('list');
    return page
      .locator(`datalist[id="${list}"] option`)
      .evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  };

  test('the client field is a combobox of the saved clients; on the Atlas side, those with a Cloud Manager key pair', async () => {
    await expect.poll(offered).toEqual(['Acme Retail', 'Globex Logistics', 'Initech Finance']);
    // The side is a rare choice, folded under "More options" (its summary says Cloud Manager · API key).
    await form()
      .getByText(/^More options: Cloud Manager · API key$/)
      .click();
    await form().getByRole('group', { name: 'Key pair for' }).getByLabel('Atlas').check();
    await expect.poll(offered).toEqual(['Acme Retail', 'Globex Logistics']);
    // A name no Cloud Manager key pair has is allowed, and said to leave Create token and link out.
    await clientField().fill('Initech Finance');
    await expect
      .poll(() => form().getByTestId('client-unpaired').textContent())
      .toBe(
        'No Cloud Manager key pair has the client Initech Finance: Create token and link is not offered for it until one is saved under exactly this name.',
      );
    await clientField().fill('Acme Retail');
    await expect.poll(() => form().getByTestId('client-unpaired').count()).toBe(0);
  });

  test('the settings list each client with its Cloud Manager orgs, Atlas orgs and key pairs', async ({ run }) => {
    const acme = page.getByTestId('client-Acme Retail');
    const acmeOrg = orgNamed(run, 'Acme Retail');
    const acmeAtlas = atlasOrg(run, 'Acme Retail (Atlas)');
    await expect
      .poll(() => acme.getByTestId('client-cm-orgs').textContent())
      .toBe(`Cloud Manager organizations: ${acmeOrg.name} (${acmeOrg.id})`);
    await expect
      .poll(() => acme.getByTestId('client-atlas-orgs').textContent())
      .toBe(`Atlas organizations: ${acmeAtlas.name} (${acmeAtlas.id})`);
    expect(await acme.getByTestId('client-key-pairs').textContent()).toBe(
      `Key pairs: Cloud Manager ${keyNamed(run, 'owner').publicKey}, Atlas ${keyNamed(run, 'atlas').publicKey}`,
    );
    const initech = page.getByTestId('client-Initech Finance');
    expect(await initech.getByTestId('client-cm-orgs').textContent()).toBe('Cloud Manager organizations: none');
  });

  test('an Atlas key saved as "Globex" beside "Globex Logistics" is asked about first; the saved name pairs it', async ({
    run,
    popupOn,
  }) => {
    const key = keyNamed(run, 'atlasglobex');
    run.sandbox.clearLog();
    await clientField().fill('Globex');
    await form().getByLabel('Public key (username)').fill(key.publicKey);
    await form().getByLabel('Private key (password)').fill(key.privateKey);
    await form().getByRole('button', { name: 'Save key pair' }).click();
    const question = form().getByRole('alertdialog');
    await expect.poll(() => question.textContent()).toContain('Globex is close to a saved client: Globex Logistics.');
    await screenshot(page, 'options-client-near-match');
    // Nothing is sent before the answer: the key was not even identified.
    expect(run.sandbox.log.filter((e) => e.username === key.publicKey)).toEqual([]);
    // The keyboard answers: the saved name has the focus.
    await expect.poll(() => page.evaluate(() => document.activeElement?.textContent)).toBe('Use Globex Logistics');
    await page.keyboard.press('Enter');
    await expect.poll(() => page.getByTestId('profile-Globex Logistics').count()).toBe(2);
    expect(await page.getByTestId('profile-Globex').count()).toBe(0);
    // Paired by that name: the Globex org's popup offers the client's Atlas org for Create token and link.
    const popup = await popupOn(orgPageUrl(orgNamed(run, 'Globex').id));
    const globexAtlas = atlasOrg(run, 'Globex Logistics (Atlas)');
    await expect.poll(() => popup.atlasTarget.inputValue()).toBe(globexAtlas.id);
  });

  test('a rename renames the client on all its key pairs; a close name joins another client only once confirmed', async ({
    run,
  }) => {
    const card = page.getByTestId('client-Globex Logistics');
    await card.getByRole('button', { name: 'Rename…' }).click();
    await card.getByLabel('New client name').fill('Globex Corp');
    await card.getByRole('button', { name: 'Rename on every key pair' }).click();
    await expect
      .poll(() => page.getByTestId('clients').getByRole('status').first().textContent())
      .toContain('Globex Logistics is now Globex Corp (key pairs renamed: 2).');
    expect(await labels(page)).toEqual(['Acme Retail', 'Acme Retail', 'Globex Corp', 'Globex Corp', 'Initech Finance']);
    await expect.poll(() => page.getByTestId('profile-Globex Corp').count()).toBe(2);
    const globex = page.getByTestId('client-Globex Corp');
    const globexOrg = orgNamed(run, 'Globex');
    await expect
      .poll(() => globex.getByTestId('client-cm-orgs').textContent())
      .toBe(`Cloud Manager organizations: ${globexOrg.name} (${globexOrg.id})`);

    // "globex corp" differs from a saved client in case only: asked; using the saved name asks to join the two.
    const initech = page.getByTestId('client-Initech Finance');
    await initech.getByRole('button', { name: 'Rename…' }).click();
    await initech.getByLabel('New client name').fill('globex corp');
    await initech.getByRole('button', { name: 'Rename on every key pair' }).click();
    await initech.getByRole('button', { name: 'Use Globex Corp' }).click();
    const join = initech.getByRole('alertdialog');
    await expect.poll(() => join.textContent()).toContain('Globex Corp is already a client. Join the two?');
    expect(await labels(page)).toContain('Initech Finance');
    await join.getByRole('button', { name: 'Join the two clients' }).click();
    await expect.poll(() => page.getByTestId('profile-Globex Corp').count()).toBe(3);
    expect(await labels(page)).toEqual(['Acme Retail', 'Acme Retail', 'Globex Corp', 'Globex Corp', 'Globex Corp']);
    await expect
      .poll(() => page.getByTestId('client-Globex Corp').getByTestId('client-atlas-orgs').textContent())
      .toBe(
        `Atlas organizations: ${[atlasOrg(run, 'Initech Finance (Atlas)'), atlasOrg(run, 'Globex Logistics (Atlas)')]
          .map((o) => `${o.name} (${o.id})`)
          .join(', ')}`,
      );
    await screenshot(page, 'options-clients');
  });
});
