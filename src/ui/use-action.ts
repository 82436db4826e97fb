// A form's async action: a busy flag, the error as an ErrorView, and the outcome text the action returns (a
// success, or a warning: it worked, but the answer asks for something).
import { useState } from 'preact/hooks';
import type { ErrorView } from '../shared/domain';
import { asErrorView } from '../shared/send';

export function useAction(initialError?: ErrorView) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView | undefined>(initialError);
  const [done, setDone] = useState<string>();
  const [warning, setWarning] = useState(false);
  /** Runs the action; a string it returns is the success text, `{ warning }` a text that asks for something. */
  const run = async (action: () => Promise<unknown>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    setWarning(false);
    try {
      const result = await action();
      const warned = typeof result === 'object' && result !== null && 'warning' in result;
      const text = warned ? (result as { warning: string }).warning : result;
      setWarning(warned);
      setDone(typeof text === 'string' && text !== '' ? text : undefined);
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, warning, run, setError };
}
