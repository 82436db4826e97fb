// The handler table: one named handler per message, gathered from each capability's folder. The type requires
// every message of the map to have its handler. Anything a handler throws becomes an ErrorView in the router.
import type { MessageMap, MessageName } from '../../shared/messages';
import { dashboardHandlers } from '../dashboard/dashboard-handlers';
import { migrationBatchHandlers } from '../migrations/batch-handlers';
import { migrationHandlers } from '../migrations/migration-handlers';
import { migrationReportHandlers } from '../migrations/report-handlers';
import { orgHandlers } from '../orgs/org-handlers';
import { settingsHandlers } from '../settings/settings';
import { backupHandlers } from '../vault/backup-handlers';
import { clientHandlers } from '../vault/client-handlers';
import { importHandlers } from '../vault/import-handlers';
import { profileHandlers } from '../vault/profile-handlers';
import { vaultHandlers } from '../vault/vault-handlers';

export type Handlers = {
  [N in MessageName]: (request: MessageMap[N]['request']) => Promise<MessageMap[N]['response']>;
};

export const handlers: Handlers = {
  ...vaultHandlers,
  ...profileHandlers,
  ...clientHandlers,
  ...backupHandlers,
  ...importHandlers,
  ...orgHandlers,
  ...settingsHandlers,
  ...dashboardHandlers,
  ...migrationHandlers,
  ...migrationBatchHandlers,
  ...migrationReportHandlers,
};
