// An org's migration at a glance, as the dashboard row and the popup show it: "Migrating · lag 12 s", "Ready for
// cutover · 95 h left" (warned under 24 h and 2 h), "Migration complete", "Migration expired"; worded at the page's
// own time, so the time left moves while the page is open.
import { type MigrationGlanceFields, migrationGlance } from '../core/atlas/migration-glance';
import { migrationBadgeLevel, migrationBadgeText } from '../shared/text/migration-badge';

export function MigrationBadge(props: { migration: MigrationGlanceFields & { others: number }; now: number }) {
  const glance = migrationGlance(props.migration, props.now);
  const level = migrationBadgeLevel(glance);
  const text = migrationBadgeText(glance, props.migration.others);
  return (
    <span
      class={`migration-badge ${level}`}
      data-testid="migration-badge"
      data-phase={glance.phase}
      data-level={level}
      title={text}
    >
      {text}
    </span>
  );
}
