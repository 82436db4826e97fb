// Whether an org may be linked, and whether its link is confirmed: what decides that a new link asks first (the
// question itself, ConfirmRelink, is loaded only when it is asked).
import type { OrgStatusRecord } from '../shared/domain';

/** Whether the org may be linked: it asks before a new link. */
export const mayBeLinked = (status: OrgStatusRecord['status']) => status === 'SYNCED' || status === 'NOT_SYNCED';

/** Whether a link is confirmed: SYNCED, or NOT_SYNCED answered by a link's POST (a status check's is not). */
export const linkConfirmed = (record: Pick<OrgStatusRecord, 'status' | 'statusFrom'>) =>
  record.status === 'SYNCED' || (record.status === 'NOT_SYNCED' && record.statusFrom === 'link');
