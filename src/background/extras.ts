// What the worker loads when it is first asked for it, not at each start (#33 item 4): the settings page's
// capabilities (the dashboard and its runs, migrations and their watch, backup and import, key pairs and clients),
// the popup's Atlas side (a token made in Atlas, a revocation) and the first run's vault creation, with the key
// pairs' identification and Atlas's client. A known org's popup never needs them, and a cold worker that starts for
// the popup compiles and runs only the rest.
// The build makes this module its own script (vite.config.ts, `singleFileWorker`), which reaches what the worker
// already holds (storage, the vault's session, the API clients) through the worker's own module instances, never
// copies of them; messaging/load-extras.ts loads it.
import type { HandlersOf, MessageMap } from '../shared/messages';
import { atlasHandlers } from './atlas/atlas-handlers';
import { dashboardHandlers } from './dashboard/dashboard-handlers';
import { migrationBatchHandlers } from './migrations/batch-handlers';
import { migrationHandlers } from './migrations/migration-handlers';
import { watchRound } from './migrations/migration-watch';
import { migrationReportHandlers } from './migrations/report-handlers';
import { backupHandlers } from './vault/backup-handlers';
import { clientHandlers } from './vault/client-handlers';
import { importHandlers } from './vault/import-handlers';
import { profileHandlers } from './vault/profile-handlers';
import { vaultCreateHandlers } from './vault/vault-create-handlers';

export const extraHandlers = {
  ...vaultCreateHandlers,
  ...atlasHandlers,
  ...profileHandlers,
  ...clientHandlers,
  ...backupHandlers,
  ...importHandlers,
  ...dashboardHandlers,
  ...migrationHandlers,
  ...migrationBatchHandlers,
  ...migrationReportHandlers,
} satisfies Partial<HandlersOf<MessageMap>>;

export type ExtraName = keyof typeof extraHandlers & keyof MessageMap;

// The service accounts' OAuth client, reached through api/oauth-loader.ts.
export * as oauth from '../core/oauth';
export { watchRound };
