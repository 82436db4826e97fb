// Popup entry: finds the active tab, then renders the app for it.
import { render } from 'preact';
import browser from 'webextension-polyfill';
import { App } from './App';

async function start(): Promise<void> {
  const [tab] = await browser.tabs.query({ active: true, currentWindow: true });
  document.documentElement.lang = browser.i18n.getUILanguage();
  render(<App url={tab?.url} />, document.getElementById('app')!);
}

start();
