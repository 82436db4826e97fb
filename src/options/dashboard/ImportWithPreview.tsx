// Every CSV the dashboard reads goes through this one piece: the text (a file read in the page, never sent anywhere,
// or pasted), a preview of what would happen (the caller's plan and tables), then one confirm that sends it. The
// result is said right here, in a live region beside the import that made it, with the lines it did not take.
import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import type { ErrorView } from '../../shared/domain';
import { asErrorView } from '../../shared/send';
import { ErrorNotice, Notice } from '../../ui/Notice';

/** A file larger than this is refused unread: a CSV of 1000 orgs is about 60 kB. */
export const MAX_IMPORT_BYTES = 1_000_000;

export interface ImportWords {
  title: string;
  help: string;
  fileLabel: string;
  textLabel: string;
  preview: string;
}

/** What a confirmed action did: one sentence, and the rows it did not reach (a table), if any. */
export interface ActionResult {
  summary: string;
  details?: ComponentChildren;
}

/** An action's result where the action is: announced politely, empty until there is one. */
export function ResultNotice(props: { testId: string; result?: ActionResult; error?: ErrorView }) {
  return (
    <div aria-live="polite" data-testid={props.testId} class="action-result">
      {props.result && (
        <Notice tone="success">
          <strong>{props.result.summary}</strong>
        </Notice>
      )}
      {props.result?.details}
      {props.error && <ErrorNotice error={props.error} />}
    </div>
  );
}

export function ImportWithPreview<Plan>(props: {
  /** Element ids and test ids start with it: `${id}-text`, `${id}-preview`, `${id}-outcome`. */
  id: string;
  testId: string;
  words: ImportWords;
  plan: (text: string) => Plan;
  /** How many entries the confirm would send (none: it is disabled). */
  count: (plan: Plan) => number;
  confirmLabel: (plan: Plan, busy: boolean) => string;
  confirmTestId: string;
  canConfirm?: boolean;
  renderPreview: (plan: Plan) => ComponentChildren;
  confirm: (plan: Plan) => Promise<ActionResult>;
}) {
  const { id, words } = props;
  const [text, setText] = useState('');
  const [plan, setPlan] = useState<Plan>();
  const [error, setError] = useState<ErrorView>();
  const [result, setResult] = useState<ActionResult>();
  const [busy, setBusy] = useState(false);

  const edit = (next: string) => {
    setText(next);
    setPlan(undefined); // a preview is of the text it was made from
    setError(undefined);
  };
  const pick = async (file: File | undefined) => {
    if (!file) return;
    if (file.size > MAX_IMPORT_BYTES) setError({ kind: 'invalid-input' });
    else edit(await file.text());
  };
  const confirm = async () => {
    if (!plan || props.count(plan) === 0) return;
    setBusy(true);
    setError(undefined);
    try {
      const done = await props.confirm(plan);
      edit('');
      setResult(done);
    } catch (e) {
      setError(asErrorView(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section class="card import" aria-labelledby={`${id}-title`} data-testid={props.testId}>
      <h3 id={`${id}-title`}>{words.title}</h3>
      <p id={`${id}-help`} class="muted">
        {words.help}
      </p>
      <label for={`${id}-file`}>{words.fileLabel}</label>
      <input
        id={`${id}-file`}
        type="file"
        accept=".csv,text/csv,text/plain"
        onChange={(e) => pick(e.currentTarget.files?.[0])}
      />
      <label for={`${id}-text`}>{words.textLabel}</label>
      <textarea
        id={`${id}-text`}
        value={text}
        spellcheck={false}
        autocomplete="off"
        aria-describedby={`${id}-help`}
        onInput={(e) => edit(e.currentTarget.value)}
      />
      <div class="row">
        <button
          type="button"
          disabled={text.trim() === ''}
          onClick={() => {
            setResult(undefined);
            setPlan(props.plan(text));
          }}
        >
          {words.preview}
        </button>
        {plan && (
          <button
            type="button"
            class="primary"
            disabled={busy || props.canConfirm === false || props.count(plan) === 0}
            onClick={confirm}
            data-testid={props.confirmTestId}
          >
            {props.confirmLabel(plan, busy)}
          </button>
        )}
      </div>
      {error && <ErrorNotice error={error} />}
      <div aria-live="polite">{plan && <div data-testid={`${id}-preview`}>{props.renderPreview(plan)}</div>}</div>
      <ResultNotice testId={`${id}-outcome`} result={result} />
    </section>
  );
}
