// Renders the popup's app, once main.tsx has sent its first message (loaded by it with import()).
import { render } from 'preact';
import browser from 'webextension-polyfill';
import type { PopupContext } from '../shared/domain';
import { asErrorView, send } from '../shared/send';
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

/** Settles once the page has painted what was rendered before the call (after the next frame). */
const painted = (): Promise<void> =>
  new Promise((resolve) => requestAnimationFrame(() => window.setTimeout(resolve, 0)));

/**
 * `first`: main.tsx's context/get on its way, or the org panel the worker kept for this page: then that panel is
 * painted at once, the worker asked once it is, and its answer replaces the panel if it differs. The stylesheet is
 * in the page already (vite.config.ts, inlinePopupStyle).
 */
export async function mountPopup(url: string | undefined, first: Promise<PopupContext> | PopupContext): Promise<void> {
  document.documentElement.lang = browser.i18n.getUILanguage();
  const kept = first instanceof Promise ? undefined : first;
  let paintedKept = () => {};
  const asked = kept
    ? new Promise<void>((resolve) => {
        paintedKept = resolve;
      }).then(() => send('context/get', { url }))
    : (first as Promise<PopupContext>);
  const answered = kept ? { context: kept } : await settledWithin(asked, FIRST_ANSWER_WAIT_MS);
  render(<App url={url} first={asked} answered={answered} kept={Boolean(kept)} />, document.getElementById('app')!);
  if (kept) painted().then(paintedKept);
}
