// Renders the popup's app, once main.tsx has sent its first message (loaded by it with import()).
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { App } from './App';

export function mountPopup(url: string | undefined, first: Promise<PopupContext>): void {
  document.documentElement.lang = browser.i18n.getUILanguage();
  render(<App url={url} first={first} />, document.getElementById('app')!);
}
