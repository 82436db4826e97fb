// A row action's result in the row itself, under its status (#32 item 2): at 60 orgs a message above the table is
// a screen away from the row that made it. The live region is always there (empty), so a screen reader announces
// what is put into it; a result that follows a button or a dialog also takes the focus, and Tab goes on in the row.
import type { ErrorView } from '../../shared/domain';
import { errorText } from '../../shared/text/error-text';
import { Notice } from '../../ui/Notice';

export type RowOutcome = {
  orgId: string;
  /** Moved to when shown: after a button that was disabled or is gone, or a dialog; not while a list is changed. */
  focus: boolean;
} & ({ tone: 'success'; text: string } | { tone: 'error'; error: ErrorView });

export function RowOutcomeLine({ outcome }: { outcome?: RowOutcome }) {
  return (
    <div class="row-outcome" aria-live="polite" data-testid="row-outcome">
      {outcome?.tone === 'success' && (
        <Notice tone="success" takeFocus={outcome.focus ? outcome : undefined}>
          <strong>{outcome.text}</strong>
        </Notice>
      )}
      {outcome?.tone === 'error' && <RowError error={outcome.error} focus={outcome.focus} />}
    </div>
  );
}

/** What went wrong and what to do; the IP to copy, for an access-list error, is the row's own (its What to do). */
function RowError({ error, focus }: { error: ErrorView; focus: boolean }) {
  const { message, remedy } = errorText(error);
  return (
    <Notice tone="error" takeFocus={focus ? error : undefined}>
      <strong data-kind={error.kind}>{message}</strong>
      {remedy && <span>{remedy}</span>}
    </Notice>
  );
}
