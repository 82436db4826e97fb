// One client's linked Cloud Manager org as Atlas sees it (asked on demand: one call per org opened): its projects,
// each deployment's facts and readiness verdict with the reasons, and a plan per deployment. An answer here also
// confirms the link from the Atlas side, whatever Cloud Manager's status says.
import { useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { DeploymentView, MigrationSourceView } from '../../shared/migration-messages';
import { send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { orgLabel } from '../../shared/text/org-label';
import { ErrorNotice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { factsText, noteText, reasonText } from './migration-words';
import { PlanForm } from './PlanForm';

function Verdict({ deployment }: { deployment: DeploymentView }) {
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

export function OrgSource(props: { row: DashboardRow; onStarted: () => void }) {
  const { row } = props;
  const [seen, setSeen] = useState<MigrationSourceView>();
  const [planning, setPlanning] = useState<string>();
  const action = useAction();
  const look = () =>
    action.run(async () => setSeen(await send('migrations/available-projects', { cloudManagerOrgId: row.orgId })));
  return (
    <li data-testid={`migration-org-${row.orgId}`}>
      <div class="card">
        <strong>{orgLabel(row.name, row.orgId)}</strong> <span class="muted">{row.profileLabel}</span>
        <div class="row">
          <button type="button" disabled={action.busy} onClick={look}>
            {t(seen ? 'mig_look_again' : 'mig_look')}
          </button>
        </div>
        {action.error && <ErrorNotice error={action.error} takeFocus />}
        {seen && (
          <div data-testid="available-projects">
            <p>{t('mig_atlas_sees', orgLabel(seen.atlasOrgName, seen.atlasOrgId))}</p>
            {seen.projects.map((project) => (
              <section key={project.projectId} data-testid="available-project">
                <h4>{project.name}</h4>
                <p class="muted">{t('mig_hosts', project.migrationHosts.join(', ') || t('mig_hosts_none'))}</p>
                <ul>
                  {project.deployments.map((d) => {
                    const key = `${project.projectId}/${d.name}`;
                    return (
                      <li key={key} data-testid={`deployment-${d.name}`}>
                        <strong>{d.name}</strong>
                        <div class="muted">{factsText(d)}</div>
                        <Verdict deployment={d} />
                        {planning === key ? (
                          <PlanForm
                            orgId={row.orgId}
                            project={project}
                            deployment={d}
                            onClose={() => setPlanning(undefined)}
                            onStarted={() => {
                              setPlanning(undefined);
                              props.onStarted();
                            }}
                          />
                        ) : (
                          <button type="button" onClick={() => setPlanning(key)}>
                            {t('mig_plan')}
                          </button>
                        )}
                      </li>
                    );
                  })}
                </ul>
              </section>
            ))}
          </div>
        )}
      </div>
    </li>
  );
}
