// A form's async action: a busy flag, the error as an ErrorView, and the success text the action returns.
import { useState } from 'preact/hooks';
import type { ErrorView } from '../shared/domain';
import { asErrorView } from '../shared/send';

export function useAction(initialError?: ErrorView) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(initialError);
  const [done, setDone] = useState<string>();
  /** Runs the action; a string it returns is the success text. */
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      const result = await action();
      setDone(typeof result === 'string' && result !== '' ? result : undefined);
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run, setError };
}
