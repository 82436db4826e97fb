// Time from asking Chromium to open the action popup to the popup showing the org (real build, real sandbox),
// and the requests the sandbox saw for one link, cold and warm.
import type { Page } from 'playwright-core';
import { type ExtensionRun, launchExtension, orgPageUrl, stopWorker } from '../e2e/harness.ts';

export interface PopupFigures {
  /** From asking Chromium to open the popup until the org shows, through the test harness (CDP attach included). */
  popupToOrgMs: number[];
  /** Inside the popup: from its navigation start to the org on screen (the popup's own User Timing mark). */
  pageToOrgMs: number[];
  linkRequestsCold: number;
  linkRequestsWarm: number;
}

/** The vault with three clients' key pairs (one per org, as Cloud Manager issues them). */
export async function setUpBenchVault(run: ExtensionRun, page: Page, passphrase: string) {
  const key = (name: string) => run.sandbox.fixture.keys.find((k) => k.name === name)!;
  const owner = key('owner');
  await page.evaluate(
    ([pass, publicKey, privateKey]) =>
      chrome.runtime.sendMessage({
        name: 'vault/create',
        request: { passphrase: pass, profile: { label: 'Bench client', publicKey, privateKey } },
      }),
    [passphrase, owner.publicKey, owner.privateKey] as const,
  );
  for (const name of ['globex', 'initech']) {
    const { publicKey, privateKey } = key(name);
    await page.evaluate(
      ([label, pub, priv]) =>
        chrome.runtime.sendMessage({
          name: 'profiles/add',
          request: { profile: { label, publicKey: pub, privateKey: priv } },
        }),
      [name, publicKey, privateKey] as const,
    );
  }
}

export async function measurePopup(rounds = 5): Promise<PopupFigures> {
  const run = await launchExtension();
  try {
    const org = (name: string) => run.sandbox.fixture.orgs.find((o) => o.name.startsWith(name))!;
    const tab = await run.openTab(orgPageUrl(org('Acme Retail').id));
    const ext = await run.context.newPage();
    await ext.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    await setUpBenchVault(run, ext, 'bench passphrase 1234');
    await ext.close();
    const popupToOrgMs: number[] = [];
    const pageToOrgMs: number[] = [];
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      const popup = await run.openPopup(tab);
      await popup.page.getByTestId('org-id').waitFor();
      popupToOrgMs.push(performance.now() - started);
      pageToOrgMs.push(
        await popup.page.evaluate(
          () => performance.getEntriesByName('atlas-link:org-shown')[0]?.startTime ?? Number.NaN,
        ),
      );
      await popup.close();
    }
    const count = () => run.sandbox.log.filter((e) => e.path.includes('/liveExport/migrationLink')).length;
    const link = async (orgId: string, token: string) => {
      const page = await run.context.newPage();
      await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
      const before = count();
      await page.evaluate(
        ([o, t]) => chrome.runtime.sendMessage({ name: 'link/create', request: { orgId: o, linkToken: t } }),
        [orgId, token] as const,
      );
      await page.close();
      return count() - before;
    };
    // Stop the worker and forget its stored nonces, so the first link is cold as after a browser start.
    await stopWorker(run);
    await (await run.worker()).evaluate(() => chrome.storage.session.remove('digestNonces'));
    const tokens = run.sandbox.fixture.linkTokens;
    // Cold: Globex's key pair after a worker restart with no nonce; warm: Initech's, another key pair, signing at
    // once with the nonce the server issued for Globex's call (the sandbox accepts it, as Apache does).
    const linkRequestsCold = await link(org('Globex').id, tokens[0]!.token);
    const linkRequestsWarm = await link(org('Initech').id, tokens[1]!.token);
    return { popupToOrgMs, pageToOrgMs, linkRequestsCold, linkRequestsWarm };
  } finally {
    await run.close();
  }
}
