// Where the focus goes when what the user worked in goes away: the next step after a save, the button that opened a
// question once it is dismissed. Left alone, the browser drops it on the page's body and a keyboard user starts over.
import { useRef } from 'preact/hooks';

/**
 * After the next render, the first element found for `selectors` takes the focus (a heading is made focusable
 * for it). Looked for over a few frames: a panel loaded on demand shows a moment later.
 */
export function focusAfterRender(selectors: readonly string[], frames = 30): void {
  requestAnimationFrame(() => {
    for (const selector of selectors) {
      const target = document.querySelector<HTMLElement>(selector);
      if (!target) continue;
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1;
      target.focus();
      return;
    }
    if (frames > 1) focusAfterRender(selectors, frames - 1);
  });
}

/**
 * For a question opened by a button: the element that had the focus when it opened (read at its first render,
 * before the question takes the focus), and a function that gives the focus back to it once the question is gone,
 * unless something else has taken it meanwhile.
 */
export function useOpenerFocus(): () => void {
  const opener = useRef<Element | null | undefined>(undefined);
  if (opener.current === undefined) opener.current = document.activeElement;
  return () => {
    const element = opener.current;
    requestAnimationFrame(() => {
      const lost = !document.activeElement || document.activeElement === document.body;
      if (lost && element instanceof HTMLElement && element !== document.body && element.isConnected) element.focus();
    });
  };
}
