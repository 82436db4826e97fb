// A deployment's readiness in words, as the Migrations tab and the popup show it: the reasons and notes of its
// verdict and the facts Atlas gives of it, from the catalogue (en, ko). Pure: the components only place them.
import type { ReadinessNote, ReadinessReason, ReadinessRule } from '../core/atlas/migration-readiness';
import type { DeploymentView } from '../shared/migration-messages';
import { type MessageKey, t } from '../shared/text/i18n';

const RULE_KEYS: Readonly<Record<ReadinessRule, MessageKey>> = {
  'mongodb-version': 'mig_rule_mongodb_version',
  'rapid-release': 'mig_rule_rapid_release',
  'feature-compatibility-version': 'mig_rule_fcv',
  'ops-manager-source': 'mig_rule_ops_manager_source',
  'migration-host': 'mig_rule_migration_host',
  'version-unreadable': 'mig_rule_version_unreadable',
};

const NOTE_KEYS: Readonly<Record<ReadinessNote['rule'], MessageKey>> = {
  'tls-source': 'mig_note_tls_source',
  'sharded-destination': 'mig_note_sharded_destination',
};

/** A reason in words: $1 what was found, $2 what the rule requires. */
export const reasonText = (reason: ReadinessReason) =>
  t(RULE_KEYS[reason.rule], [reason.found ?? '', reason.required ?? '']);

export const noteText = (note: ReadinessNote) => t(NOTE_KEYS[note.rule]);

const sizeText = (bytes: number | undefined) =>
  bytes === undefined ? '' : `${(bytes / 1024 ** 3).toLocaleString(undefined, { maximumFractionDigits: 1 })} GB`;

/** The facts Atlas gives of a deployment, on one line. */
export function factsText(d: DeploymentView): string {
  const parts = [
    t('mig_fact_version', [d.mongoDBVersion, d.featureCompatibilityVersion]),
    t(d.tlsEnabled ? 'mig_fact_tls_on' : 'mig_fact_tls_off'),
    d.sharded ? t('mig_fact_sharded', String(d.shardsSize ?? '?')) : t('mig_fact_replica_set'),
    t(d.managed ? 'mig_fact_managed' : 'mig_fact_monitored'),
  ];
  if (d.agentVersion) parts.push(t('mig_fact_agent', d.agentVersion));
  if (d.dbSizeBytes !== undefined) parts.push(t('mig_fact_size', sizeText(d.dbSizeBytes)));
  if (d.oplogSizeMB !== undefined) parts.push(t('mig_fact_oplog', String(d.oplogSizeMB)));
  return parts.join(' · ');
}
