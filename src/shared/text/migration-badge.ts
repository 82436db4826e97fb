// A migration at a glance in words, the same on every badge (the dashboard row, the popup, the toolbar's tooltip):
// "Migrating · lag 12 s", "Ready for cutover · 95 h left", warned under 24 h and 2 h, "Complete", "Expired".
import { hoursAndMinutes } from '../../core/atlas/cutover-window';
import type { MigrationGlance, MigrationPhase } from '../../core/atlas/migration-glance';
import { type MessageKey, t } from '../text/i18n';

const PHASE_KEYS: Readonly<Record<Exclude<MigrationPhase, 'ready'>, MessageKey>> = {
  starting: 'migBadge_starting',
  migrating: 'migBadge_migrating',
  'cutting-over': 'migBadge_cuttingOver',
  complete: 'migBadge_complete',
  failed: 'migBadge_failed',
  expired: 'migBadge_expired',
};

/** The badge's words; `others` more migrations of the same org are counted at the end. */
export function migrationBadgeText(glance: MigrationGlance, others = 0): string {
  return others > 0 ? `${phaseText(glance)} (+${others})` : phaseText(glance);
}

function phaseText(glance: MigrationGlance): string {
  if (glance.phase === 'ready' && glance.window) {
    const { hours, minutes } = hoursAndMinutes(glance.window.leftMs);
    if (glance.window.level === 'urgent') return t('migBadge_readyUrgent', [String(hours), String(minutes)]);
    return t(glance.window.level === 'soon' ? 'migBadge_readySoon' : 'migBadge_ready', String(hours));
  }
  if (glance.phase === 'migrating' && glance.lagTimeSeconds !== undefined) {
    return t('migBadge_migratingLag', String(glance.lagTimeSeconds));
  }
  const key: MessageKey = PHASE_KEYS[glance.phase === 'ready' ? 'migrating' : glance.phase];
  return t(key);
}

/** The badge's warning level: a closing window, or a migration that ended badly. */
export function migrationBadgeLevel(glance: MigrationGlance): 'none' | 'soon' | 'urgent' | 'closed' {
  if (glance.phase === 'expired' || glance.phase === 'failed') return 'closed';
  return glance.window?.level ?? 'none';
}
