// An org's note as pages and exports get it (pure: no storage here, so the dashboard's row builder can use it). A note
// saved before the display-safe rule covered U+2028, U+2029 and U+061C may hold them, so what is stored is cleaned on
// the way out, as names are.
import { displaySafe } from '../../core/text/display-safe';
import type { OrgStatusRecord } from '../../shared/domain';
import { NOTE_MAX_LENGTH } from '../../shared/org-note';

export function noteOf(record: Pick<OrgStatusRecord, 'note'> | undefined): string | undefined {
  return record?.note ? displaySafe(record.note, NOTE_MAX_LENGTH) : undefined;
}
