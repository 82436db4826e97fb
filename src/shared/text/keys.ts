// The message keys chosen by a value the pages and the badge share (an operation, a link status): typed tables of
// literal keys, so the compiler checks each against the catalogue and the catalogue test sees them all.
import type { LinkStatus } from '../../core/cloudmanager';
import type { HistoryOperation, Operation } from '../domain';
import type { MessageKey } from './i18n';

/** An operation's name, as in "Link failed" or a history row. */
export const OPERATION_KEYS: Readonly<Record<HistoryOperation, MessageKey>> = {
  link: 'operation_link',
  unlink: 'operation_unlink',
  status: 'operation_status',
  'revoke-token': 'operation_revoke_token',
  'clear-log': 'audit_operation_clear_log',
  'migration-validate': 'operation_migration_validate',
  'migration-start': 'operation_migration_start',
  'migration-cutover': 'operation_migration_cutover',
};

/** What is happening while an operation runs. */
export const BUSY_KEYS: Readonly<Record<Operation, MessageKey>> = {
  link: 'busy_link',
  unlink: 'busy_unlink',
  status: 'busy_status',
};

/**
 * A link status in words (the dashboard's status column, the popup and the badge's tooltip say the same). NOT_SYNCED
 * here is Cloud Manager's answer to a status check, which it may give for an org with no link too: the words claim
 * neither a link nor none. Where a link's POST answered it, a link was made: `statusKey` words it so.
 */
export const STATUS_KEYS: Readonly<Record<LinkStatus | 'error' | 'unknown', MessageKey>> = {
  SYNCED: 'dash_status_SYNCED',
  NOT_SYNCED: 'status_NOT_SYNCED_answered',
  NOT_LINKED: 'dash_status_NOT_LINKED',
  error: 'dash_status_error',
  unknown: 'dash_status_unknown',
};

/** What comes next after a link status (NOT_SYNCED: as a status check answered it; see `statusNextKey`). */
export const STATUS_NEXT_KEYS: Readonly<Record<LinkStatus, MessageKey>> = {
  SYNCED: 'statusNext_SYNCED',
  NOT_SYNCED: 'statusNext_NOT_SYNCED_answered',
  NOT_LINKED: 'statusNext_NOT_LINKED',
};

/** A status as a link's POST answered it: the same words, but NOT_SYNCED says a link was made. */
export const LINK_STATUS_KEYS: Readonly<Record<LinkStatus | 'error' | 'unknown', MessageKey>> = {
  ...STATUS_KEYS,
  NOT_SYNCED: 'dash_status_NOT_SYNCED',
};

/** What comes next after a status a link's POST answered. */
export const LINK_STATUS_NEXT_KEYS: Readonly<Record<LinkStatus, MessageKey>> = {
  ...STATUS_NEXT_KEYS,
  NOT_SYNCED: 'statusNext_NOT_SYNCED',
};
