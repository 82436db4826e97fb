// One client's linked Cloud Manager org as Atlas sees it (asked on demand: one call per org opened): its projects,
// each deployment's facts and readiness verdict with the reasons, and a plan per deployment. An answer here also
// confirms the link from the Atlas side, whatever Cloud Manager's status says.
import { useEffect, useRef, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { MigrationSourceView } from '../../shared/migration-messages';
import { send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { orgLabel } from '../../shared/text/org-label';
import { DeploymentVerdict } from '../../ui/DeploymentVerdict';
import { ErrorNotice } from '../../ui/Notice';
import { factsText } from '../../ui/readiness-words';
import { useAction } from '../../ui/use-action';
import { PlanForm } from './PlanForm';

export function OrgSource(props: {
  row: DashboardRow;
  onStarted: () => void;
  /** Opened from the popup or the dashboard row for this org: asked at once, in view, with the focus. */
  picked?: boolean;
}) {
  const { row } = props;
  const card = useRef<HTMLDivElement>(null);
  const name = useRef<HTMLElement>(null);
  const [seen, setSeen] = useState<MigrationSourceView>();
  const [planning, setPlanning] = useState<string>();
  const action = useAction();
  const look = () =>
    action.run(async () => setSeen(await send('migrations/available-projects', { cloudManagerOrgId: row.orgId })));
  useEffect(() => {
    if (!props.picked) return;
    card.current?.scrollIntoView({ block: 'start' });
    name.current?.focus();
    look();
  }, [props.picked]);
  return (
    <li data-testid={`migration-org-${row.orgId}`} data-picked={props.picked ? 'true' : undefined}>
      <div class="card" ref={card}>
        <strong ref={name} tabIndex={-1}>
          {orgLabel(row.name, row.orgId)}
        </strong>{' '}
        <span class="muted">{row.profileLabel}</span>
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
                        <DeploymentVerdict deployment={d} />
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
