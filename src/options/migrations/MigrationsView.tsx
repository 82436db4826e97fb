// The Migrations tab (#34): every migration the extension started, of every client, kept current by the worker's
// watch (this page reads the stored records every few seconds and sends nothing to Atlas by itself), and below it
// each client's linked Cloud Manager org with an Atlas target, to see what Atlas sees and plan a migration.
import { useEffect, useState } from 'preact/hooks';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ErrorView } from '../../shared/domain';
import type { MigrationRecord } from '../../shared/migration-messages';
import { asErrorView, send } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { ErrorNotice } from '../../ui/Notice';
import { BatchPanel } from './BatchPanel';
import { HandOver } from './HandOver';
import { MigrationTable } from './MigrationTable';
import { OrgSource } from './OrgSource';

/** The page re-reads the worker's records this often (storage only, no call to Atlas). */
const RECORDS_POLL_MS = 3_000;

/** The clients a report can be made for: those with an org here or a migration started. */
const clientsOf = (rows: readonly DashboardRow[], migrations: readonly MigrationRecord[]) =>
  [
    ...new Set([...rows.flatMap((r) => (r.profileLabel ? [r.profileLabel] : [])), ...migrations.map((m) => m.client)]),
  ].sort((a, b) => a.localeCompare(b));

/** `org`: the org a link picked (#migrations?org=<id>): its card is asked at once and takes the focus. */
export function MigrationsView(props: { org?: string }) {
  const [rows, setRows] = useState<DashboardRow[]>();
  const [migrations, setMigrations] = useState<MigrationRecord[]>([]);
  const [now, setNow] = useState(Date.now());
  const [error, setError] = useState<ErrorView>();

  const readMigrations = async () => {
    try {
      setMigrations(await send('migrations/list', {}));
      setNow(Date.now());
    } catch (e) {
      setError(asErrorView(e));
    }
  };
  useEffect(() => {
    send('dashboard/view', {})
      .then((view) => setRows(view.rows.filter((r) => r.atlasOrgId && r.profileId)))
      .catch((e) => setError(asErrorView(e)));
    readMigrations();
    const timer = setInterval(readMigrations, RECORDS_POLL_MS);
    return () => clearInterval(timer);
  }, []);

  return (
    <section data-testid="migrations-view">
      <h2>{t('mig_title')}</h2>
      {error && <ErrorNotice error={error} />}
      <MigrationTable migrations={migrations} now={now} onChange={readMigrations} />
      <BatchPanel onStarted={readMigrations} />
      <HandOver clients={clientsOf(rows ?? [], migrations)} />
      <h3>{t('mig_sources_title')}</h3>
      <p class="muted">{t('mig_sources_explain')}</p>
      {rows && rows.length === 0 && <p>{t('mig_no_sources')}</p>}
      <ul class="plain">
        {(rows ?? []).map((row) => (
          <OrgSource key={row.orgId} row={row} onStarted={readMigrations} picked={row.orgId === props.org} />
        ))}
      </ul>
    </section>
  );
}
