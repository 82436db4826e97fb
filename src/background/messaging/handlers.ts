// The handler table: one named handler per message. The type requires every message of the map to have its
// handler. Anything a handler throws becomes an ErrorView in the router. What a known org's popup needs is here at
// the worker's start; the settings page's capabilities are the extras (background/extras.ts), loaded by their first
// message: their names are listed below, and the types hold the list to the extras' own table.
import type { MessageMap, MessageName } from '../../shared/messages';
import type { ExtraName } from '../extras';
import { orgHandlers } from '../orgs/org-handlers';
import { settingsHandlers } from '../settings/settings';
import { vaultHandlers } from '../vault/vault-handlers';
import { loadExtras } from './load-extras';

export type Handlers = {
  [N in MessageName]: (request: MessageMap[N]['request']) => Promise<MessageMap[N]['response']>;
};

/** Every message the extras answer, and only those (a name missing or extra fails the type check). */
export const EXTRA_MESSAGES = [
  'vault/create',
  'atlas/link',
  'atlas/revoke',
  'atlas/revoke-reach',
  'profiles/list',
  'profiles/add',
  'profiles/remove',
  'profiles/update',
  'profiles/test',
  'clients/rename',
  'backup/export',
  'backup/preview',
  'backup/import',
  'profiles/identify-many',
  'profiles/save-many',
  'dashboard/view',
  'dashboard/add-org',
  'dashboard/set-client',
  'dashboard/add-orgs',
  'dashboard/set-clients',
  'dashboard/remove-org',
  'dashboard/refresh-all',
  'dashboard/set-atlas-target',
  'dashboard/set-atlas-targets',
  'dashboard/link-run',
  'dashboard/progress',
  'dashboard/cancel',
  'migrations/available-projects',
  'migrations/targets',
  'migrations/validate',
  'migrations/validation',
  'migrations/start',
  'migrations/list',
  'migrations/get',
  'migrations/cutover',
  'migrations/batch',
  'migrations/batch-add',
  'migrations/batch-remove',
  'migrations/batch-validate',
  'migrations/batch-start',
  'migrations/plans',
  'migrations/report',
] as const satisfies readonly ExtraName[];

type ExtraListed = (typeof EXTRA_MESSAGES)[number];
type Unlisted = Exclude<ExtraName, ExtraListed>;
const everyExtraListed: [Unlisted] extends [never] ? true : Unlisted = true;
void everyExtraListed;

const extra = <N extends ExtraListed>(name: N) =>
  (async (request: MessageMap[N]['request']) => {
    const { extraHandlers } = await loadExtras();
    return (extraHandlers[name] as (request: MessageMap[N]['request']) => Promise<MessageMap[N]['response']>)(request);
  }) as Handlers[N];

const eager = { ...vaultHandlers, ...orgHandlers, ...settingsHandlers };

export const handlers: Handlers = {
  ...eager,
  ...(Object.fromEntries(EXTRA_MESSAGES.map((name) => [name, extra(name)])) as {
    [N in ExtraListed]: Handlers[N];
  }),
};
