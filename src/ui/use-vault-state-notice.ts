// A page follows the vault: the worker says when it locked or unlocked (auto-lock, a Lock button, an unlock on
// another page), and the page shows its unlock form or its content at once instead of what it showed before.
import { useEffect, useRef } from 'preact/hooks';
import browser from 'webextension-polyfill';
import { isVaultStateNotice, type VaultStateNotice } from '../shared/vault-notice';

export function useVaultStateNotice(follow: (vault: VaultStateNotice['vault']) => void): void {
  const latest = useRef(follow);
  latest.current = follow;
  useEffect(() => {
    // Returns nothing: a page never answers a message, so what another page asks the worker gets the worker's answer.
    const listener = (message: unknown): undefined => {
      if (isVaultStateNotice(message)) latest.current(message.vault);
    };
    browser.runtime.onMessage.addListener(listener);
    return () => browser.runtime.onMessage.removeListener(listener);
  }, []);
}
