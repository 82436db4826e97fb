// A small hook for a form's async action: busy flag, the error as an ErrorView, and a success text.
import { useState } from 'preact/hooks';
import { type ErrorView, MessageError } from '../shared/messages';

export function useAction() {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<ErrorView>();
  const [done, setDone] = useState<string>();
  const run = async (action: () => Promise<string | undefined>) => {
    setBusy(true);
    setError(undefined);
    setDone(undefined);
    try {
      setDone(await action());
    } catch (e) {
      setError(e instanceof MessageError ? e.view : { kind: 'internal', message: String(e) });
    } finally {
      setBusy(false);
    }
  };
  return { busy, error, done, run };
}
