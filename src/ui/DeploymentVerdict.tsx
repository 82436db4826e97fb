// A deployment's readiness verdict, as the Migrations tab and the popup show it: ready or not ready, with the
// reasons it is not and the notes worth knowing.
import type { DeploymentView } from '../shared/migration-messages';
import { t } from '../shared/text/i18n';
import { noteText, reasonText } from './readiness-words';

export function DeploymentVerdict({ deployment }: { deployment: DeploymentView }) {
  const { readiness } = deployment;
  return (
    <div data-testid="deployment-verdict" data-ready={String(readiness.ready)}>
      <strong class={readiness.ready ? '' : 'failed'}>{t(readiness.ready ? 'mig_ready' : 'mig_not_ready')}</strong>
      {readiness.reasons.length > 0 && (
        <ul>
          {readiness.reasons.map((r) => (
            <li key={r.rule}>{reasonText(r)}</li>
          ))}
        </ul>
      )}
      {readiness.notes.length > 0 && (
        <ul class="muted">
          {readiness.notes.map((n) => (
            <li key={n.rule}>{noteText(n)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
