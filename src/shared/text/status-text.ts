// A link status in words, knowing which call answered it. Cloud Manager may answer a status check NOT_SYNCED for an
// org with no link, so a check's NOT_SYNCED claims neither a link nor none; a link's POST answering NOT_SYNCED made
// one, and says so. Every screen (popup, badge tooltip, dashboard, history) words a status through here.
import type { LinkStatus } from '../../core/cloudmanager';
import type { HistoryOperation } from '../domain';
import { t } from './i18n';
import { LINK_STATUS_KEYS, LINK_STATUS_NEXT_KEYS, STATUS_KEYS, STATUS_NEXT_KEYS } from './keys';

/** Which call answered a status (absent: unknown, worded as a status check's). */
export type StatusSource = HistoryOperation | undefined;

export function statusText(status: LinkStatus | 'error' | 'unknown', from: StatusSource): string {
  return from === 'link' ? t(LINK_STATUS_KEYS[status]) : t(STATUS_KEYS[status]);
}

export function statusNextText(status: LinkStatus, from: StatusSource): string {
  return from === 'link' ? t(LINK_STATUS_NEXT_KEYS[status]) : t(STATUS_NEXT_KEYS[status]);
}
