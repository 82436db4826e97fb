// Popup entry: asks the worker for the active tab's context first, and only then loads the app that shows it, so
// the one message the popup waits for is on its way before any view code is fetched or parsed.
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { send } from '../shared/send';
import themeUrl from '../ui/theme.css?url';

async function start(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  const first: Promise<PopupContext> = send('context/get', { url: tab?.url });
  // Handled where the app awaits it; this keeps an early failure from counting as unhandled meanwhile.
  first.catch(() => undefined);
  // The stylesheet only now: Chromium reads an extension's CSS through its words catalogue, a blocking call to the
  // browser (20 ms traced in a new renderer) that, linked from the page, held this script back before it could send.
  const styled = new Promise<void>((resolve) => {
    const link = document.createElement('link');
    link.rel = 'stylesheet';
    link.href = themeUrl;
    link.onload = link.onerror = () => resolve();
    document.head.append(link);
  });
  const { mountPopup } = await import('./mount');
  mountPopup(tab?.url, first, styled);
}

start();
