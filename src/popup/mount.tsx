// Renders the popup's app, once main.tsx has sent its first message (loaded by it with import()).
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { asErrorView } from '../shared/send';
import { App, type FirstAnswer } from './App';

/**
 * How long the first render waits for the worker's answer when the app is in before it: a warm worker answers in a
 * few ms, and the popup then opens on the org (one render) instead of "Loading" followed by the org a frame later.
 * A worker that takes longer (a cold start, the browser's first policy read) gets "Loading" after this wait.
 */
export const FIRST_ANSWER_WAIT_MS = 50;

async function settledWithin(first: Promise<PopupContext>, ms: number): Promise<FirstAnswer | undefined> {
  let timer: number | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = window.setTimeout(resolve, ms);
  });
  try {
    return await Promise.race([
      first.then(
        (context): FirstAnswer => ({ context }),
        (error: unknown): FirstAnswer => ({ error: asErrorView(error) }),
      ),
      late,
    ]);
  } finally {
    window.clearTimeout(timer);
  }
}

export async function mountPopup(url: string | undefined, first: Promise<PopupContext>): Promise<void> {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const answered = await settledWithin(first, FIRST_ANSWER_WAIT_MS);
  render(<App url={url} first={first} answered={answered} />, document.getElementById('app')!);
}
