// One client's migration report, for the consultant to print or save as PDF and hand over: each of the client's orgs
// with its link status and Atlas target, a row per deployment (readiness, plan, validation, migration status, lag,
// the cutover window's time left, the cutover) and the migration history; times in UTC. Light on screen and on
// paper; the buttons are not printed. The same columns as the report's CSV (report-columns.ts).
import { useEffect, useState } from 'preact/hooks';
import type { ErrorView } from '../../shared/domain';
import type { ClientReportView } from '../../shared/migration-report-messages';
import { asErrorView } from '../../shared/send';
import { t } from '../../shared/text/i18n';
import { orgLabel } from '../../shared/text/org-label';
import { ErrorNotice } from '../../ui/Notice';
import { UnlockForm } from '../../ui/UnlockForm';
import { downloadText } from '../download';
import { readClientReport } from './client-report';
import { type Column, deploymentColumns, headersOf, historyColumns, orgColumns, utcText } from './report-columns';
import { reportCsv, reportFileName } from './report-csv';

function Table<R>(props: { columns: Column<R>[]; rows: readonly R[]; testId: string }) {
  return (
    <table data-testid={props.testId}>
      <thead>
        <tr>
          {headersOf(props.columns).map((h) => (
            <th key={h}>{h}</th>
          ))}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((row, i) => (
          <tr key={i} data-testid={`${props.testId}-row`}>
            {props.columns.map((column) => (
              <td key={column.header} class={column.fit}>
                {column.cell(row, utcText)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function ReportBody({ report }: { report: ClientReportView }) {
  return (
    <>
      <h1>{t('migReport_title', report.client)}</h1>
      <p class="muted">{t('migReport_generated', utcText(report.generatedAt))}</p>
      {report.orgs.length === 0 && <p>{t('migReport_noOrgs')}</p>}
      {report.orgs.map(({ org, deployments }) => (
        <section key={org.orgId} data-testid="report-org">
          <h2>{orgLabel(org.name, org.orgId)}</h2>
          <dl class="report-facts">
            {orgColumns.map((c) => (
              <div key={c.header}>
                <dt>{t(c.header)}</dt>
                <dd>{c.cell(org, utcText) || '—'}</dd>
              </div>
            ))}
          </dl>
          {deployments.length === 0 ? (
            <p>{t('migReport_noDeployments')}</p>
          ) : (
            <Table columns={deploymentColumns} rows={deployments} testId="report-deployments" />
          )}
        </section>
      ))}
      <section>
        <h2>{t('migReport_history')}</h2>
        {report.history.length === 0 ? (
          <p>{t('migReport_noHistory')}</p>
        ) : (
          <Table columns={historyColumns} rows={report.history} testId="report-history" />
        )}
      </section>
    </>
  );
}

export function ClientReport(props: { client: string }) {
  const [report, setReport] = useState<ClientReportView>();
  const [error, setError] = useState<ErrorView>();
  const load = async () => {
    try {
      setReport(await readClientReport(props.client));
      setError(undefined);
    } catch (e) {
      setError(asErrorView(e));
    }
  };
  useEffect(() => {
    document.title = t('migReport_title', props.client);
    load();
  }, [props.client]);

  return (
    <main class="report-page" data-testid="client-report">
      {error?.kind === 'vault-locked' ? <UnlockForm onDone={load} /> : error && <ErrorNotice error={error} />}
      {report && (
        <>
          <div class="row report-tools">
            <button type="button" class="primary" onClick={() => window.print()}>
              {t('migReport_print')}
            </button>
            <button
              type="button"
              onClick={() => downloadText(reportCsv(report), reportFileName(report.client, new Date()), 'text/csv')}
            >
              {t('migReport_csv')}
            </button>
          </div>
          <ReportBody report={report} />
        </>
      )}
      {!report && !error && <p class="muted">{t('loading')}</p>}
    </main>
  );
}
