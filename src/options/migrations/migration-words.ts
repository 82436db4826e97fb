// The migration cockpit's words: readiness reasons and notes, a deployment's facts, a migration's status and the
// cutover window, from the catalogue (en, ko). Pure: the page components only place them.
import { type CutoverWindow, cutoverWindow, hoursAndMinutes } from '../../core/atlas/cutover-window';
import type { ReadinessNote, ReadinessReason, ReadinessRule } from '../../core/atlas/migration-readiness';
import type { DeploymentView, MigrationRecord } from '../../shared/migration-messages';
import { type MessageKey, t } from '../../shared/text/i18n';

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

const STATUS_KEYS: Readonly<Record<string, MessageKey>> = {
  NEW: 'mig_status_NEW',
  WORKING: 'mig_status_WORKING',
  FAILED: 'mig_status_FAILED',
  COMPLETE: 'mig_status_COMPLETE',
  EXPIRED: 'mig_status_EXPIRED',
};

type StatusFacts = { status: string; readyForCutover: boolean; cutoverAt?: number };

export function statusText(m: StatusFacts): string {
  if (m.readyForCutover) return t('mig_status_ready');
  if (m.cutoverAt !== undefined && m.status === 'WORKING') return t('mig_status_cutting_over');
  const key = STATUS_KEYS[m.status];
  return key ? t(key) : m.status;
}

export const lagText = (m: { lagTimeSeconds?: number }) =>
  m.lagTimeSeconds === undefined ? '' : t('mig_lag', String(m.lagTimeSeconds));

/** The time left to cut over, with its warning level; none before ready or after the cutover. */
export function windowText(m: MigrationRecord, now: number): { text: string; level: string } | undefined {
  if (m.readySince === undefined || m.cutoverAt !== undefined || m.status === 'COMPLETE') return undefined;
  const window = cutoverWindow(m.readySince, now);
  return { text: windowWords(window), level: window.level };
}

/** The time a cutover window leaves, with its warning. */
export function windowWords(window: CutoverWindow): string {
  if (window.level === 'closed') return t('mig_window_closed');
  const { hours, minutes } = hoursAndMinutes(window.leftMs);
  const left = [String(hours), String(minutes)];
  if (window.level === 'urgent') return t('mig_window_urgent', left);
  if (window.level === 'soon') return t('mig_window_soon', left);
  return t('mig_window_left', left);
}
