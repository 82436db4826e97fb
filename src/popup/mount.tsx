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

/** `promise`'s value, or undefined once `ms` passed without it. */
async function within<T>(promise: Promise<T>, ms: number): Promise<T | undefined> {
  let timer: number | undefined;
  const late = new Promise<undefined>((resolve) => {
    timer = window.setTimeout(resolve, ms);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    window.clearTimeout(timer);
  }
}

function settledWithin(first: Promise<PopupContext>, ms: number): Promise<FirstAnswer | undefined> {
  return within(
    first.then(
      (context): FirstAnswer => ({ context }),
      (error: unknown): FirstAnswer => ({ error: asErrorView(error) }),
    ),
    ms,
  );
}

/** How long the first render waits for the stylesheet main.tsx linked (it loads in a few ms from the package). */
const STYLE_WAIT_MS = 300;

/** `styled`: settles once main.tsx's stylesheet loaded (or failed): the app does not paint unstyled. */
export async function mountPopup(
  url: string | undefined,
  first: Promise<PopupContext>,
  styled: Promise<void> = Promise.resolve(),
): Promise<void> {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const [answered] = await Promise.all([settledWithin(first, FIRST_ANSWER_WAIT_MS), within(styled, STYLE_WAIT_MS)]);
  render(<App url={url} first={first} answered={answered} />, document.getElementById('app')!);
}
