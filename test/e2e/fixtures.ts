// The e2e test API: `test` launches the extension once per file (the `run`, closed after the file's last test, which
// fails the file if any call was signed for another org) and opens popups that are closed after each test. A file
// that needs another sandbox or browser setup says so once, at its top: `test.override('launch', { ... })`.
import type { Page } from 'playwright-core';
import { test as base } from 'vitest';
import type { SandboxOptions } from '../../sandbox/server.ts';
import { type ExtensionRun, type LaunchOptions, launchExtension } from './harness';
import { PopupPage } from './popup-page';

export interface Launch {
  sandbox?: SandboxOptions;
  browser?: LaunchOptions;
}

export const test = base
  .extend('launch', { scope: 'file' }, {} as Launch)
  .extend('run', { scope: 'file' }, async ({ launch }, { onCleanup }): Promise<ExtensionRun> => {
    const run = await launchExtension(launch.sandbox, launch.browser);
    onCleanup(() => run.close());
    return run;
  })
  /** Opens the toolbar popup on a tab (or on a new tab at a URL); whatever is still open is closed after the test. */
  .extend('popupOn', async ({ run }, { onCleanup }) => {
    const opened: PopupPage[] = [];
    onCleanup(async () => {
      for (const popup of opened) await popup.close();
    });
    return async (target: Page | string): Promise<PopupPage> => {
      const popup = await PopupPage.open(run, target);
      opened.push(popup);
      return popup;
    };
  });
