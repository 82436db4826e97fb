// "What Atlas sees" on a linked org's popup (#34 item 1), opened from the org card: asked with the client's Atlas
// key pair, the org's projects Atlas can migrate, each deployment with its readiness verdict and reasons (the
// Migrations tab's words), in a box that scrolls inside the popup; none listed says Atlas does not see the link
// yet, whatever Cloud Manager's status says. "Plan in the Migrations tab" opens the settings page with this org
// picked.
import { useEffect, useState } from 'preact/hooks';
import browser from 'webextension-polyfill';
import type { MigrationSourceView } from '../shared/migration-messages';
import { send } from '../shared/send';
import { t } from '../shared/text/i18n';
import { orgLabel } from '../shared/text/org-label';
import { DeploymentVerdict } from '../ui/DeploymentVerdict';
import { migrationsHref } from '../ui/migrations-link';
import { ErrorNotice, Notice } from '../ui/Notice';
import { useAction } from '../ui/use-action';

export function AtlasSees({ orgId }: { orgId: string }) {
  const [seen, setSeen] = useState<MigrationSourceView>();
  const action = useAction();
  const look = () =>
    action.run(async () => setSeen(await send('migrations/available-projects', { cloudManagerOrgId: orgId })));
  useEffect(() => {
    look();
  }, []);
  const planInTab = () =>
    browser.tabs.create({ url: browser.runtime.getURL(`src/options/index.html${migrationsHref(orgId)}`) });

  return (
    <section class="card atlas-sees" id="atlas-sees" data-testid="atlas-sees" aria-label={t('popAtlas_sees')}>
      <div aria-live="polite">
        {action.busy && <p aria-busy="true">{t('loading')}</p>}
        {action.error && <ErrorNotice error={action.error} />}
        {seen && !action.busy && seen.projects.length === 0 && (
          <Notice tone="warning">
            <strong data-testid="atlas-not-seen">{t('popAtlas_notSeen')}</strong>
            <span>{t('popAtlas_notSeenRemedy', orgLabel(seen.atlasOrgName, seen.atlasOrgId))}</span>
          </Notice>
        )}
        {seen && !action.busy && seen.projects.length > 0 && (
          <section
            class="scroll-box"
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a scrolling box takes the focus, so the keyboard scrolls it
            tabIndex={0}
            aria-label={t('mig_atlas_sees', orgLabel(seen.atlasOrgName, seen.atlasOrgId))}
            data-testid="atlas-sees-projects"
          >
            {seen.projects.map((project) => (
              <div key={project.projectId} data-testid="available-project">
                <h3>{project.name}</h3>
                <ul>
                  {project.deployments.map((d) => (
                    <li key={d.name} data-testid={`deployment-${d.name}`}>
                      <strong>{d.name}</strong>
                      <DeploymentVerdict deployment={d} />
                    </li>
                  ))}
                </ul>
              </div>
            ))}
          </section>
        )}
      </div>
      <div class="row">
        <button type="button" class="link" data-testid="plan-in-migrations" onClick={planInTab}>
          {t('mig_planInTab')}
        </button>
        <button type="button" class="link" onClick={look} disabled={action.busy}>
          {t('mig_look_again')}
        </button>
      </div>
    </section>
  );
}
