// Popup entry: asks the worker for the active tab's context first, and only then mounts the app that shows it. In
// the build the app is in this entry's own file (vite.config.ts, singleFilePopup): one file reaches its first line
// sooner than two, and the app's top-level code (definitions) runs while tabs.query is answered. In development
// and the unit tests the import() below still loads it apart, after the message.
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { send } from '../shared/send';
import { keptContext, readKeptPanels } from './kept-panel';

async function start(): Promise<void> {
  const stored = readKeptPanels();
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  // A page whose panel the worker kept paints it first, and asks the worker once it has (mount.tsx): a stopped
  // worker's start (some 60 ms of work here) would otherwise slow a paint that does not need it.
  const kept = keptContext(await stored, tab?.url, Date.now());
  const first: Promise<PopupContext> | undefined = kept ? undefined : send('context/get', { url: tab?.url });
  // Handled where the app awaits it; this keeps an early failure from counting as unhandled meanwhile.
  first?.catch(() => undefined);
  const { mountPopup } = await import('./mount');
  mountPopup(tab?.url, first ?? kept!);
}

start();
