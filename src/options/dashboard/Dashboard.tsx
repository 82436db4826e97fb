// The dashboard: every org known to the vault, its client, link status and last action.
import { t } from '../../ui/i18n';

export function Dashboard() {
  return <p>{t('dashboardTitle')}</p>;
}
