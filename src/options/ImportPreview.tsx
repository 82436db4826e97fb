// The import's preview: each line's client, side, keys (the private one masked) and what its server said, or the
// field for a secret the line does not hold.
import { maskSecret } from '../core/vault';
import type { ImportLine } from '../core/vault/import';
import type { ImportVerdict } from '../shared/messages';
import { errorText } from '../shared/text/error-text';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { SIDE_KEYS } from '../ui/KeyPairSide';
import { importLineProblem } from './import-line-text';

export type LineState = { state: 'queued' | 'checking' | 'not-checked' } | ImportVerdict;

function resultText(line: ImportLine, state: LineState | undefined): string {
  if (line.problem) return importLineProblem(line.problem);
  switch (state?.state) {
    case 'identified':
      if (!state.org) return t('keyGlobal');
      return line.input.side === 'atlas'
        ? t('keyAtlasOrg', orgLabel(state.org.name, state.org.id))
        : t('keyOrg', orgLabel(state.org.name, state.org.id));
    case 'already-saved':
      return t('importAlreadySaved', state.label);
    case 'invalid':
    case 'failed':
      return errorText(state.error).message;
    case 'checking':
      return t('importChecking');
    case 'not-checked':
      return t('importNotChecked');
    default:
      return t('importQueued');
  }
}

export function ImportPreview(props: {
  lines: readonly ImportLine[];
  states: readonly LineState[];
  secrets: Readonly<Record<number, string>>;
  running: boolean;
  onSecret: (index: number, secret: string) => void;
  onCheckSecret: (index: number) => void;
}) {
  return (
    <table class="import-preview">
      <thead>
        <tr>
          <th scope="col">{t('importColLine')}</th>
          <th scope="col">{t('importColClient')}</th>
          <th scope="col">{t('importColSide')}</th>
          <th scope="col">{t('importColPublicKey')}</th>
          <th scope="col">{t('importColPrivateKey')}</th>
          <th scope="col">{t('importColResult')}</th>
        </tr>
      </thead>
      <tbody>
        {props.lines.map((line, i) => (
          <tr key={line.line} data-testid={`import-line-${line.line}`} data-state={props.states[i]?.state}>
            <td>{line.line}</td>
            <td>{line.input.label}</td>
            <td>
              {t(SIDE_KEYS[line.input.side])}
              {line.input.credential === 'service-account' && ` · ${t('credentialServiceAccount')}`}
            </td>
            <td>{line.input.publicKey}</td>
            <td>{line.input.privateKey ? maskSecret(line.input.privateKey) : ''}</td>
            <td>
              {line.needsSecret && !line.problem ? (
                <span>
                  <label for={`import-secret-${i}`}>{t('importNeedsSecret')}</label>{' '}
                  <input
                    id={`import-secret-${i}`}
                    type="password"
                    autocomplete="off"
                    aria-label={t('importSecretLabel', String(line.line))}
                    value={props.secrets[i] ?? ''}
                    onInput={(e) => props.onSecret(i, (e.target as HTMLInputElement).value)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter') props.onCheckSecret(i);
                    }}
                  />{' '}
                  <button type="button" onClick={() => props.onCheckSecret(i)} disabled={props.running}>
                    {t('importCheckSecret')}
                  </button>
                </span>
              ) : (
                resultText(line, props.states[i])
              )}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
