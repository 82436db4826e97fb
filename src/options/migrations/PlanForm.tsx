// A plan for one deployment: the Atlas project and cluster and the migration host picked from lists (never typed
// ids), the options, Validate (its result in words, asked again while Atlas works on it), and Start only after a
// passed validation of this very plan, behind a confirmation naming source, destination and whether the
// destination's data is dropped. A source username and password are sent with one request and then cleared.
import { useEffect, useState } from 'preact/hooks';
import {
  type AvailableProjectView,
  type DeploymentView,
  HOSTNAME_SCHEMA_TYPES,
  type MigrationPlanChoice,
  type MigrationTargets,
  type SourceCredentials,
  type ValidationView,
} from '../../shared/migration-messages';
import { asErrorView, send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { CancelButton } from '../../ui/ActionOutcome';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { Dialog } from '../dashboard/Dialog';
import { CredentialFields, NO_CREDENTIALS } from './SourceCredentialFields';

const VALIDATION_POLL_MS = 2_000;

function ConfirmStart(props: {
  plan: MigrationPlanChoice;
  source: string;
  destination: string;
  onConfirm: (credentials?: SourceCredentials) => void;
  onClose: () => void;
}) {
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  return (
    <Dialog labelledBy="start-title" role="alertdialog" onClose={props.onClose} testId="start-dialog">
      <h3 id="start-title">{t('mig_start_question', [props.source, props.destination])}</h3>
      <p data-testid="start-drop">
        <strong>{t(props.plan.dropDestinationData ? 'mig_start_drops' : 'mig_start_keeps')}</strong>
      </p>
      {!props.plan.managedAuthentication && (
        <CredentialFields prefix="start" value={credentials} onChange={setCredentials} />
      )}
      <div class="row">
        <button
          type="button"
          class="primary"
          onClick={() => props.onConfirm(props.plan.managedAuthentication ? undefined : credentials)}
        >
          {t('mig_start')}
        </button>
        <CancelButton onClick={props.onClose} />
      </div>
    </Dialog>
  );
}

export function validationText(v: ValidationView): string {
  if (v.outcome === 'passed') return t('mig_validation_passed');
  if (v.outcome === 'failed') return t('mig_validation_failed', v.errorMessage ?? v.status);
  return t('mig_validation_pending');
}

export function PlanForm(props: {
  orgId: string;
  project: AvailableProjectView;
  deployment: DeploymentView;
  onStarted: () => void;
  onClose: () => void;
}) {
  const { project, deployment } = props;
  const [targets, setTargets] = useState<MigrationTargets>();
  const [atlasProjectId, setAtlasProjectId] = useState('');
  const [destinationCluster, setDestinationCluster] = useState('');
  const [migrationHost, setMigrationHost] = useState(project.migrationHosts[0] ?? '');
  const [managedAuthentication, setManaged] = useState(deployment.managed);
  const [ssl, setSsl] = useState(deployment.tlsEnabled);
  const [hostnameSchemaType, setHostnameType] = useState<MigrationPlanChoice['hostnameSchemaType']>('PUBLIC');
  const [dropDestinationData, setDrop] = useState(false);
  const [credentials, setCredentials] = useState(NO_CREDENTIALS);
  const [validation, setValidation] = useState<ValidationView>();
  const [confirming, setConfirming] = useState(false);
  const action = useAction();
  const load = useAction();
  const batched = useAction();
  const [inBatch, setInBatch] = useState<string>();

  useEffect(() => {
    load.run(async () => {
      const answer = await send('migrations/targets', { cloudManagerOrgId: props.orgId });
      setTargets(answer);
      const first = answer.projects[0];
      if (first) {
        setAtlasProjectId(first.id);
        setDestinationCluster(first.clusters[0]?.name ?? '');
      }
    });
  }, [props.orgId]);

  const plan: MigrationPlanChoice = {
    sourceProjectId: project.projectId,
    sourceCluster: deployment.name,
    atlasProjectId,
    destinationCluster,
    migrationHost,
    managedAuthentication,
    ssl,
    hostnameSchemaType,
    dropDestinationData,
  };
  const planText = JSON.stringify(plan);
  // A changed plan is a new plan: its validation starts over.
  useEffect(() => setValidation(undefined), [planText]);
  // While Atlas validates, ask again every 2 s (one GET each) until it answers.
  useEffect(() => {
    if (validation?.outcome !== 'pending') return;
    const timer = setTimeout(async () => {
      try {
        setValidation((await send('migrations/validation', { cloudManagerOrgId: props.orgId, plan })) ?? undefined);
      } catch (e) {
        action.setError(asErrorView(e));
      }
    }, VALIDATION_POLL_MS);
    return () => clearTimeout(timer);
  }, [validation]);

  const chosenProject = targets?.projects.find((p) => p.id === atlasProjectId);
  const complete = !!(atlasProjectId && destinationCluster && migrationHost);
  const sourceText = `${project.name} / ${deployment.name}`;
  const destinationText = `${chosenProject?.name ?? ''} / ${destinationCluster}`;
  const id = (name: string) => `plan-${project.projectId}-${deployment.name}-${name}`;

  return (
    <form
      class="card"
      data-testid="migration-plan"
      onSubmit={(event) => {
        event.preventDefault();
        const sent = managedAuthentication ? undefined : credentials;
        setCredentials(NO_CREDENTIALS);
        action.run(async () => {
          setValidation(
            await send('migrations/validate', {
              cloudManagerOrgId: props.orgId,
              plan,
              ...(sent ? { credentials: sent } : {}),
            }),
          );
        });
      }}
    >
      <h4>{t('mig_plan_title', sourceText)}</h4>
      {load.error && <ErrorNotice error={load.error} />}
      {!targets && !load.error && <p class="muted">{t('loading')}</p>}
      {targets && targets.projects.length === 0 && <p>{t('mig_no_atlas_projects')}</p>}
      {targets && targets.projects.length > 0 && (
        <>
          <label for={id('project')}>{t('mig_destination_project')}</label>
          <select
            id={id('project')}
            value={atlasProjectId}
            onChange={(e) => {
              const next = targets.projects.find((p) => p.id === e.currentTarget.value);
              setAtlasProjectId(e.currentTarget.value);
              setDestinationCluster(next?.clusters[0]?.name ?? '');
            }}
          >
            {targets.projects.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </select>
          <label for={id('cluster')}>{t('mig_destination_cluster')}</label>
          <select
            id={id('cluster')}
            value={destinationCluster}
            onChange={(e) => setDestinationCluster(e.currentTarget.value)}
          >
            {(chosenProject?.clusters ?? []).map((c) => (
              <option key={c.name} value={c.name}>
                {c.mongoDBVersion ? `${c.name} (MongoDB ${c.mongoDBVersion})` : c.name}
              </option>
            ))}
          </select>
          {chosenProject && chosenProject.clusters.length === 0 && <p>{t('mig_no_clusters')}</p>}
        </>
      )}
      <label for={id('host')}>{t('mig_migration_host')}</label>
      <select id={id('host')} value={migrationHost} onChange={(e) => setMigrationHost(e.currentTarget.value)}>
        {project.migrationHosts.map((h) => (
          <option key={h} value={h}>
            {h}
          </option>
        ))}
      </select>
      {project.migrationHosts.length === 0 && <p>{t('mig_rule_migration_host')}</p>}
      <label for={id('hostname')}>{t('mig_hostname_type')}</label>
      <select
        id={id('hostname')}
        value={hostnameSchemaType}
        onChange={(e) => setHostnameType(e.currentTarget.value as MigrationPlanChoice['hostnameSchemaType'])}
      >
        {HOSTNAME_SCHEMA_TYPES.map((type) => (
          <option key={type} value={type}>
            {type}
          </option>
        ))}
      </select>
      <label class="check">
        <input type="checkbox" checked={ssl} onChange={(e) => setSsl(e.currentTarget.checked)} /> {t('mig_ssl')}
      </label>
      <label class="check">
        <input type="checkbox" checked={managedAuthentication} onChange={(e) => setManaged(e.currentTarget.checked)} />{' '}
        {t('mig_managed_auth')}
      </label>
      {!managedAuthentication && (
        <CredentialFields prefix={id('validate')} value={credentials} onChange={setCredentials} />
      )}
      <label class="check">
        <input type="checkbox" checked={dropDestinationData} onChange={(e) => setDrop(e.currentTarget.checked)} />{' '}
        {t('mig_drop_destination')}
      </label>
      <div class="row">
        <button type="submit" disabled={!complete || action.busy || validation?.outcome === 'pending'}>
          {t('mig_validate')}
        </button>
        <button
          type="button"
          class="primary"
          disabled={validation?.outcome !== 'passed' || action.busy}
          onClick={() => setConfirming(true)}
        >
          {t('mig_start')}
        </button>
        <button
          type="button"
          disabled={!complete || batched.busy || inBatch === planText}
          onClick={() =>
            batched.run(async () => {
              await send('migrations/batch-add', {
                cloudManagerOrgId: props.orgId,
                plan,
                sourceProjectName: project.name,
                atlasProjectName: chosenProject?.name ?? atlasProjectId,
              });
              setInBatch(planText);
            })
          }
        >
          {t(inBatch === planText ? 'migBatch_added' : 'migBatch_add')}
        </button>
        <CancelButton onClick={props.onClose} />
      </div>
      {batched.error && <ErrorNotice error={batched.error} takeFocus />}
      {validation && (
        <Notice tone={validation.outcome === 'failed' ? 'error' : validation.outcome === 'passed' ? 'success' : 'info'}>
          <span data-testid="validation-result" data-outcome={validation.outcome}>
            {validationText(validation)}
          </span>
        </Notice>
      )}
      {action.error && <ErrorNotice error={action.error} takeFocus />}
      {confirming && (
        <ConfirmStart
          plan={plan}
          source={sourceText}
          destination={destinationText}
          onClose={() => setConfirming(false)}
          onConfirm={(sent) => {
            setConfirming(false);
            action.run(async () => {
              await send('migrations/start', {
                cloudManagerOrgId: props.orgId,
                plan,
                ...(sent ? { credentials: sent } : {}),
              });
              setValidation(undefined);
              props.onStarted();
            });
          }}
        />
      )}
    </form>
  );
}
