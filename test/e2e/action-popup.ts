// The toolbar popup opened the way a click on the extension's button opens it: CDP's Extensions.triggerAction on
// the tab, which wakes no worker (run.openPopup asks the worker to open it). For the bench's timings and for tests
// of what a popup does before its worker has started.
import { chromium, type Page } from 'playwright-core';
import type { ExtensionRun } from './harness';

/** The tab target (not its page's) holding the page: the one Extensions.triggerAction takes. */
export async function tabTargetOf(run: ExtensionRun, page: Page): Promise<string> {
  const cdp = await run.context.browser()!.newBrowserCDPSession();
  const { targetInfos } = (await cdp.send('Target.getTargets', { filter: [{ type: 'tab' }] } as never)) as {
    targetInfos: { targetId: string; type: string; url: string }[];
  };
  await cdp.detach();
  const tab = targetInfos.find((t) => t.type === 'tab' && t.url === page.url());
  if (!tab) throw new Error(`no tab target shows ${page.url()}`);
  return tab.targetId;
}

/** Clicks the extension's toolbar button on the tab (brought to the front first). */
export async function triggerAction(run: ExtensionRun, tab: Page, tabTarget: string, extensionId = run.extensionId) {
  const cdp = await run.context.browser()!.newBrowserCDPSession();
  await tab.bringToFront();
  await cdp.send('Extensions.triggerAction' as never, { id: extensionId, targetId: tabTarget } as never);
  await cdp.detach();
}

/**
 * Runs `read` on the extension page at `url` (an action popup is listed only on a CDP connection made after it
 * opened), then closes that page.
 */
export async function readAndClose<T>(run: ExtensionRun, url: string, read: (page: Page) => Promise<T>): Promise<T> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const viewer = await chromium.connectOverCDP(run.cdpEndpoint);
    try {
      const page = viewer
        .contexts()
        .flatMap((c) => c.pages())
        .find((p) => p.url() === url);
      if (page) {
        const value = await read(page);
        await page.close();
        return value;
      }
    } finally {
      await viewer.close().catch(() => undefined);
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`${url} did not open`);
}
