// The Migrations tab's hand-over tools: every kept plan as a CSV, and a client's report, as a CSV or as a printable
// page opened in a tab of its own. Both read what the worker keeps; nothing is asked of Atlas.
import { useState } from 'preact/hooks';
import { t } from '../../shared/text/i18n';
import { ErrorNotice, Notice } from '../../ui/Notice';
import { useAction } from '../../ui/use-action';
import { downloadText } from '../download';
import { readClientReport, readPlans } from './client-report';
import { plansCsv, plansFileName, reportCsv, reportFileName } from './report-csv';
import { reportHref } from './report-link';

export function HandOver(props: { clients: readonly string[] }) {
  const [chosen, setChosen] = useState('');
  const client = props.clients.includes(chosen) ? chosen : (props.clients[0] ?? '');
  const action = useAction();
  const exportPlans = () =>
    action.run(async () => {
      const plans = await readPlans();
      if (plans.length === 0) return t('migReport_noPlans');
      downloadText(plansCsv(plans), plansFileName(new Date()), 'text/csv');
      return undefined;
    });
  const downloadReport = () =>
    action.run(async () => {
      const report = await readClientReport(client);
      downloadText(reportCsv(report), reportFileName(report.client, new Date()), 'text/csv');
    });
  return (
    <section data-testid="migration-hand-over">
      <h3>{t('migReport_section')}</h3>
      <div class="row">
        <button type="button" disabled={action.busy} onClick={exportPlans}>
          {t('migReport_exportPlans')}
        </button>
      </div>
      {props.clients.length > 0 && (
        <div class="row">
          <label for="report-client">{t('dash_column_client')}</label>
          <select id="report-client" value={client} onChange={(e) => setChosen(e.currentTarget.value)}>
            {props.clients.map((c) => (
              <option key={c} value={c}>
                {c}
              </option>
            ))}
          </select>
          <a href={reportHref(client)} target="_blank" rel="noopener">
            {t('migReport_open')}
          </a>
          <button type="button" disabled={action.busy} onClick={downloadReport}>
            {t('migReport_csv')}
          </button>
        </div>
      )}
      {action.done && <Notice tone="info">{action.done}</Notice>}
      {action.error && <ErrorNotice error={action.error} takeFocus />}
    </section>
  );
}
