// What the worker keeps per deployment for the hand-over (#34 items 2 and 5): the readiness verdict when Atlas last
// listed it, and the plan last validated for it with that validation's outcome; the Atlas projects' names as the
// targets answer gave them, so a plan names its destination. Ids, names, options and outcomes: never a credential.
import type { KeptDeployment } from '../../core/atlas/migration-report';
import type { AvailableProjectView, MigrationPlanChoice, ValidationView } from '../../shared/migration-messages';
import { item } from '../storage/item';
import type { MigrationSource } from './migration-source';

export interface KeptPlans {
  deployments: Record<string, KeptDeployment>;
  atlasProjectNames: Record<string, string>;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

function readKept(stored: unknown): KeptPlans | undefined {
  if (!isObject(stored) || !isObject(stored.deployments) || !isObject(stored.atlasProjectNames)) return undefined;
  const deployments = Object.fromEntries(
    Object.entries(stored.deployments).filter(
      ([, d]) => isObject(d) && typeof d.cloudManagerOrgId === 'string' && typeof d.deployment === 'string',
    ),
  ) as Record<string, KeptDeployment>;
  const atlasProjectNames = Object.fromEntries(
    Object.entries(stored.atlasProjectNames).filter(([, name]) => typeof name === 'string'),
  ) as Record<string, string>;
  return { deployments, atlasProjectNames };
}

export const keptPlansItem = item<KeptPlans>('migrationPlans', {
  fallback: { deployments: {}, atlasProjectNames: {} },
  read: readKept,
});

const keyOf = (orgId: string, projectId: string, deployment: string) => JSON.stringify([orgId, projectId, deployment]);

/** The deployment's entry with the source's names (a new one when none is kept yet). */
function entryFor(
  all: KeptPlans,
  source: MigrationSource,
  projectId: string,
  deployment: string,
  projectName?: string,
): KeptDeployment {
  const kept = all.deployments[keyOf(source.cloudManagerOrgId, projectId, deployment)];
  const atlasOrgName = source.atlas.org?.id === source.atlasOrgId ? source.atlas.org.name : undefined;
  const sourceProjectName = projectName ?? kept?.sourceProjectName;
  return {
    ...kept,
    cloudManagerOrgId: source.cloudManagerOrgId,
    ...(source.orgName ? { orgName: source.orgName } : {}),
    client: source.client.label,
    atlasOrgId: source.atlasOrgId,
    ...(atlasOrgName ? { atlasOrgName } : {}),
    sourceProjectId: projectId,
    ...(sourceProjectName ? { sourceProjectName } : {}),
    deployment,
  };
}

/** Keeps each listed deployment's verdict of `now` (its plan, if any, stays). */
export async function keepSeenDeployments(
  source: MigrationSource,
  projects: readonly AvailableProjectView[],
  now = Date.now(),
): Promise<void> {
  await keptPlansItem.update((all) => {
    const deployments = { ...all.deployments };
    for (const project of projects) {
      for (const d of project.deployments) {
        const entry = entryFor(all, source, project.projectId, d.name, project.name);
        const { ready, reasons } = d.readiness;
        deployments[keyOf(source.cloudManagerOrgId, project.projectId, d.name)] = {
          ...entry,
          readiness: { ready, reasons, seenAt: now },
        };
      }
    }
    return { ...all, deployments };
  });
}

/** Keeps the Atlas projects' names as the targets listed them. */
export async function keepAtlasProjectNames(projects: readonly { id: string; name: string }[]): Promise<void> {
  await keptPlansItem.update((all) => ({
    ...all,
    atlasProjectNames: { ...all.atlasProjectNames, ...Object.fromEntries(projects.map((p) => [p.id, p.name])) },
  }));
}

/** Keeps the plan as the deployment's plan, with this validation of it (a new plan replaces the one before). */
export async function keepPlanValidation(
  source: MigrationSource,
  plan: MigrationPlanChoice,
  validation: ValidationView,
): Promise<void> {
  await keptPlansItem.update((all) => {
    const entry = entryFor(all, source, plan.sourceProjectId, plan.sourceCluster);
    const { sourceProjectId: _p, sourceCluster: _c, ...choice } = plan;
    const atlasProjectName = all.atlasProjectNames[plan.atlasProjectId];
    // Validated again unchanged, the plan keeps the time it was first made.
    const kept = entry.plan;
    const samePlan = kept && (Object.keys(choice) as (keyof typeof choice)[]).every((k) => kept[k] === choice[k]);
    const plannedAt = samePlan ? kept.plannedAt : validation.checkedAt;
    const { id: _id, ...outcome } = validation;
    return {
      ...all,
      deployments: {
        ...all.deployments,
        [keyOf(source.cloudManagerOrgId, plan.sourceProjectId, plan.sourceCluster)]: {
          ...entry,
          plan: { ...choice, ...(atlasProjectName ? { atlasProjectName } : {}), plannedAt },
          validation: outcome,
        },
      },
    };
  });
}

export async function keptDeployments(): Promise<KeptDeployment[]> {
  return Object.values((await keptPlansItem.get()).deployments);
}
