// Popup entry: asks the worker for the active tab's context first, and only then loads the app that shows it, so
// the one message the popup waits for is on its way before any view code is fetched or parsed.
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { send } from '../shared/send';

async function start(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const first: Promise<PopupContext> = send('context/get', { url: tab?.url });
  // Handled where the app awaits it; this keeps an early failure from counting as unhandled meanwhile.
  first.catch(() => undefined);
  const { mountPopup } = await import('./mount');
  mountPopup(tab?.url, first);
}

start();
