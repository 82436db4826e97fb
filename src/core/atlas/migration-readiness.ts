// Whether a deployment Atlas lists (availableProjects) can be live migrated (push) now, and why not, from MongoDB's
// published requirements only; each rule names the page it comes from. The verdict is data (rule, required, found):
// the pages word it. Facts with no published rule decide nothing here: the MongoDB Agent version (no minimum is
// published for push migrations), the database and oplog sizes (only a destination-tier recommendation), whether
// Automation manages the deployment. Atlas's own validation (validate) remains the final word.
import type { AvailableDeployment } from './migration-answers';

/** The pages the rules come from. */
export const READINESS_SOURCES = {
  /** "Live Migrate (Push) a Cluster Monitored by Cloud Manager into Atlas": migration paths, pre-migration validation. */
  push: 'https://www.mongodb.com/docs/atlas/import/c2c-push-live-migration/',
  /** "Live Migrate: Push Your Data from Cloud Manager or Ops Manager to Atlas": push from Ops Manager. */
  opsManager: 'https://www.mongodb.com/docs/atlas/migration-from-com/',
  /** "Provision a Migration Host" (Cloud Manager): a dedicated agent host per deployment to migrate. */
  migrationHost: 'https://www.mongodb.com/docs/cloud-manager/tutorial/provision-migration-host/',
} as const;

export type ReadinessRule =
  | 'mongodb-version'
  | 'rapid-release'
  | 'feature-compatibility-version'
  | 'ops-manager-source'
  | 'migration-host'
  | 'version-unreadable';

export type ReadinessReason = { rule: ReadinessRule; required?: string; found?: string };

/** What the plan must account for, without keeping the deployment from moving. */
export type ReadinessNote = { rule: 'tls-source' | 'sharded-destination' };

export type Readiness = { ready: boolean; reasons: ReadinessReason[]; notes: ReadinessNote[] };

export type ReadinessContext = {
  /** The project's migration hosts (availableProjects' migrationHosts). */
  migrationHosts: readonly string[];
  /** Which server the source project lives on. */
  side: 'cloud-manager' | 'ops-manager';
};

type Version = [number, number, number];

/** major.minor.patch from a version string (a suffix such as -ent is ignored); undefined when unreadable. */
function parseVersion(text: string, parts: 2 | 3): Version | undefined {
  const m = (parts === 3 ? /^(\d+)\.(\d+)\.(\d+)(?![.\d])/ : /^(\d+)\.(\d+)(?![.\d])/).exec(text.trim());
  if (!m) return undefined;
  return [Number(m[1]), Number(m[2]), Number(m[3] ?? 0)];
}

const atLeast = (a: Version, b: Version) => {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! > b[i]!;
  return true;
};

/**
 * The minimum patch release for a major release line, from the push page's migration paths (6.0.17 → 6.0.17+,
 * 7.0.13 → 7.0.13+) and its pre-migration validation ("at least 6.0.17 or later"): a later major needs 6.0.17.
 */
function minimumFor(v: Version): Version {
  if (v[0] === 7 && v[1] === 0) return [7, 0, 13];
  return [6, 0, 17];
}

export function migrationReadiness(deployment: AvailableDeployment, context: ReadinessContext): Readiness {
  const reasons: ReadinessReason[] = [];
  const version = parseVersion(deployment.mongoDBVersion, 3);
  if (!version) {
    reasons.push({ rule: 'version-unreadable', found: deployment.mongoDBVersion });
  } else {
    // READINESS_SOURCES.push: the source runs at least 6.0.17 (7.0.13 on the 7.0 line).
    const minimum = minimumFor(version);
    if (!atLeast(version, minimum)) {
      reasons.push({ rule: 'mongodb-version', required: minimum.join('.'), found: deployment.mongoDBVersion });
    }
    // READINESS_SOURCES.push (its 6.0.8 edition): rapid releases such as 6.1 or 6.2 are not supported, only major
    // releases (x.0). Checked from 6 on: older versions fail the version rule already.
    if (version[0] >= 6 && version[1] !== 0) {
      reasons.push({ rule: 'rapid-release', found: deployment.mongoDBVersion });
    }
    // READINESS_SOURCES.opsManager: push is not supported for Ops Manager deployments at 6.0.13 or later, and
    // deprecated before (where the version rule already refuses them).
    if (context.side === 'ops-manager' && atLeast(version, [6, 0, 13])) {
      reasons.push({ rule: 'ops-manager-source' });
    }
  }
  // READINESS_SOURCES.push (its 6.0.8 edition): "The FCV for source and destination clusters is at least 6.0".
  const fcv = parseVersion(deployment.featureCompatibilityVersion, 2);
  if (!fcv) {
    reasons.push({ rule: 'version-unreadable', found: deployment.featureCompatibilityVersion });
  } else if (!atLeast(fcv, [6, 0, 0])) {
    reasons.push({
      rule: 'feature-compatibility-version',
      required: '6.0',
      found: deployment.featureCompatibilityVersion,
    });
  }
  // READINESS_SOURCES.migrationHost: the MongoDB Agent on a migration host runs the migration; without one the
  // project has nothing to run it.
  if (context.migrationHosts.length === 0) reasons.push({ rule: 'migration-host' });

  const notes: ReadinessNote[] = [];
  // The request's Source names ssl and, for a private CA, caCertificatePath (the v2 spec's Source schema).
  if (deployment.tlsEnabled) notes.push({ rule: 'tls-source' });
  // READINESS_SOURCES.push: "The source and destination clusters are either both replica sets, or they are both
  // sharded clusters."
  if (deployment.sharded) notes.push({ rule: 'sharded-destination' });
  return { ready: reasons.length === 0, reasons, notes };
}
