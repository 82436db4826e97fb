// "Import many key pairs…": paste or choose a file (CSV, JSON, config.toml), see each line's client, side and the
// org its server names (4 asked at once, paced like the dashboard, with progress and stop), what is invalid or
// already saved, then save every identified key pair in one vault write. Private keys show masked; the text, the
// file and the lines are dropped from the page once saved or discarded.
import { useEffect, useRef, useState } from 'preact/hooks';
import { type BulkRun, cloudManagerRateLimit, runBulk } from '../core/bulk';
import { type ImportLine, parseImport, withSecret } from '../core/vault/import';
import type { ErrorView } from '../shared/domain';
import { MessageError } from '../shared/messages';
import { send } from '../shared/send';
import { tn } from '../shared/text/counted';
import { t } from '../shared/text/i18n';
import { ActionOutcome } from '../ui/ActionOutcome';
import { askHostPermission } from '../ui/KeyPairServer';
import { NewPassphraseFields, useNewPassphrase } from '../ui/NewPassphraseFields';
import { useAction } from '../ui/use-action';
import { ImportPreview, type LineState } from './ImportPreview';
import { importTextProblem } from './import-line-text';

interface Progress {
  done: number;
  total: number;
  running: boolean;
  cancelled: boolean;
}

const CONCURRENCY = 4;

function viewOf(error: unknown): ErrorView {
  if (error instanceof MessageError) return error.view;
  if (typeof error === 'object' && error !== null && 'kind' in error) return error as ErrorView;
  return { kind: 'internal' };
}

/** `firstRun`: no vault yet; the confirm asks for the passphrase of the vault the import creates. */
export function ImportKeyPairs(props: { onClose: () => void; reload: () => Promise<void>; firstRun?: boolean }) {
  const [text, setText] = useState('');
  const [file, setFile] = useState<{ name: string; text: string }>();
  const [lines, setLines] = useState<ImportLine[]>();
  const [states, setStates] = useState<LineState[]>([]);
  const [secrets, setSecrets] = useState<Record<number, string>>({});
  const [textProblem, setTextProblem] = useState<string>();
  const [progress, setProgress] = useState<Progress>();
  const run = useRef<BulkRun | undefined>(undefined);
  const fileInput = useRef<HTMLInputElement>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const action = useAction();
  const passphrase = useNewPassphrase();
  const running = progress?.running === true;
  const previewing = lines !== undefined;
  // The form the keyboard was in is replaced by the preview (and back after a save): the heading takes the focus.
  useEffect(() => {
    if (previewing) heading.current?.focus();
  }, [previewing]);

  const setState = (index: number, state: LineState) =>
    setStates((all) => all.map((s, i) => (i === index ? state : s)));

  /** Asks the worker about these lines, 4 at once; a 429 pauses every lane as the dashboard's runs do. */
  function identify(indices: number[], current: ImportLine[]) {
    if (indices.length === 0) return;
    let done = 0;
    setProgress({ done, total: indices.length, running: true, cancelled: false });
    const bulk = runBulk(
      indices,
      async (index) => {
        const { verdicts } = await send('profiles/identify-many', { keyPairs: [current[index]!.input] });
        const verdict = verdicts[0] ?? { state: 'failed', error: { kind: 'internal' } };
        if (verdict.state === 'failed' && verdict.error.kind === 'rate-limited') throw verdict.error;
        return verdict;
      },
      {
        concurrency: CONCURRENCY,
        rateLimitOf: cloudManagerRateLimit,
        onEvent: (event) => {
          if (event.type === 'start') setState(event.item, { state: 'checking' });
          else if (event.type === 'skipped') setState(event.item, { state: 'not-checked' });
          else if (event.type === 'success' || event.type === 'failure') {
            done += 1;
            setState(
              event.item,
              event.type === 'success' ? event.value : { state: 'failed', error: viewOf(event.error) },
            );
            setProgress((p) => p && { ...p, done });
          }
        },
      },
    );
    run.current = bulk;
    bulk.done.then((p) => setProgress({ done, total: p.total, running: false, cancelled: p.cancelled }));
  }

  const clearAll = () => {
    run.current?.cancel();
    run.current = undefined;
    setText('');
    setFile(undefined);
    setLines(undefined);
    setStates([]);
    setSecrets({});
    setProgress(undefined);
    if (fileInput.current) fileInput.current.value = '';
  };

  const preview = (event: Event) => {
    event.preventDefault();
    const parsed = parseImport(file?.text ?? text, file?.name);
    if (!parsed.ok) {
      setTextProblem(importTextProblem(parsed.problem));
      return;
    }
    setTextProblem(undefined);
    action.run(async () => {
      // Ops Manager servers need the host permission a single add asks for, asked while the click still counts.
      const servers = new Set(parsed.lines.filter((l) => !l.problem).map((l) => l.input.baseUrl ?? ''));
      for (const server of servers) await askHostPermission(server);
      setLines(parsed.lines);
      setStates(parsed.lines.map(() => ({ state: 'queued' })));
      const ready = parsed.lines.flatMap((l, i) => (l.problem || l.needsSecret ? [] : [i]));
      identify(ready, parsed.lines);
    });
  };

  const checkSecret = (index: number) => {
    if (!lines || running) return;
    const next = lines.map((l, i) => (i === index ? withSecret(l, secrets[index] ?? '') : l));
    setSecrets((s) => ({ ...s, [index]: '' }));
    setLines(next);
    if (!next[index]!.needsSecret) identify([index], next);
  };

  const ready = lines ? lines.filter((_, i) => states[i]?.state === 'identified') : [];

  const confirm = () =>
    action.run(async () => {
      const total = lines?.length ?? 0;
      const keyPairs = ready.map((l) => l.input);
      const { saved } = await send(
        'profiles/save-many',
        props.firstRun ? { keyPairs, passphrase: passphrase.passphrase } : { keyPairs },
      );
      // Nothing secret stays in the page once the worker has it.
      passphrase.clear();
      clearAll();
      await props.reload();
      // Skipped: every line of the paste not saved (invalid, already saved, not identified, or refused at the write).
      return tn('importSaved', saved.length, [String(saved.length), String(total - saved.length)]);
    });

  const discard = () => {
    passphrase.clear();
    clearAll();
    props.onClose();
  };

  return (
    <section class="card" aria-labelledby="import-title" data-testid="import-key-pairs">
      <h3 id="import-title" ref={heading} tabIndex={-1}>
        {t('importTitle')}
      </h3>
      {!lines && (
        <form onSubmit={preview}>
          <p>{t('importIntro')}</p>
          <label for="import-text">{t('importTextLabel')}</label>
          <textarea
            id="import-text"
            rows={8}
            spellcheck={false}
            autocomplete="off"
            value={text}
            onInput={(e) => setText((e.target as HTMLTextAreaElement).value)}
            disabled={file !== undefined}
          />
          <label for="import-file">{t('importFileLabel')}</label>
          <input
            id="import-file"
            ref={fileInput}
            type="file"
            accept=".csv,.json,.toml,.txt,text/csv,application/json"
            onChange={async (e) => {
              const chosen = (e.target as HTMLInputElement).files?.[0];
              setFile(chosen ? { name: chosen.name, text: await chosen.text() } : undefined);
            }}
          />
          {file && <p>{t('importFileChosen', file.name)}</p>}
          {textProblem && (
            <p class="notice error" role="alert">
              {textProblem}
            </p>
          )}
          <div class="actions">
            <button type="submit" disabled={action.busy}>
              {t('importPreview')}
            </button>
            <button type="button" onClick={discard}>
              {t('importDiscard')}
            </button>
          </div>
        </form>
      )}
      {lines && (
        <>
          <p role="status" aria-live="polite" data-testid="import-progress">
            {progress &&
              (progress.running
                ? t('importProgress', [String(progress.done), String(progress.total)])
                : progress.cancelled
                  ? t('importStopped', [String(progress.done), String(progress.total)])
                  : t('importChecked', String(progress.total)))}
          </p>
          <ImportPreview
            lines={lines}
            states={states}
            secrets={secrets}
            running={running}
            onSecret={(i, secret) => setSecrets((s) => ({ ...s, [i]: secret }))}
            onCheckSecret={checkSecret}
          />
          {props.firstRun && (
            <NewPassphraseFields idPrefix="import" label={t('importFirstRunPassphrase')} state={passphrase} />
          )}
          <div class="actions">
            {running ? (
              <button type="button" onClick={() => run.current?.cancel()}>
                {t('importStop')}
              </button>
            ) : (
              <button
                type="button"
                onClick={confirm}
                disabled={action.busy || ready.length === 0 || (props.firstRun && !passphrase.complete)}
              >
                {tn('importConfirm', ready.length, String(ready.length))}
              </button>
            )}
            <button type="button" onClick={discard}>
              {t('importDiscard')}
            </button>
          </div>
        </>
      )}
      <ActionOutcome done={action.done} warning={action.warning} error={action.error} />
    </section>
  );
}
