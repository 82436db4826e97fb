// Which Cloud Manager orgs a revoke of an Atlas org's link token may cut off, from the extension's own records only:
// Atlas's DELETE removes the org's link tokens and the API key each embeds, so every link made with them stops
// working. A link made elsewhere (another browser, another tool) is not known here, and the question says so.
import { cloudManagerKeyPairsOfClient, type Profile, profileForOrg, type VaultContents } from '../../core/vault';
import type { HistoryEntry, LinkMade, OrgRef, OrgStatusRecord, RevokeReach } from '../../shared/domain';

/**
 * The link the extension knows the org has: its own record, else (records from before it kept one) the last link
 * or unlink in history. An org Cloud Manager answered SYNCED for is linked, with whatever token.
 */
export function knownLink(record: OrgStatusRecord, history: readonly HistoryEntry[]): LinkMade | 'unknown' | undefined {
  if (record.status === 'NOT_LINKED') return undefined;
  if (record.linkMade) return record.linkMade;
  if (record.statusFrom === 'unlink') return undefined;
  const last = [...history]
    .reverse()
    .find((e) => e.orgId === record.orgId && e.ok && (e.operation === 'link' || e.operation === 'unlink'));
  if (last?.operation === 'link') {
    const link: LinkMade = { time: last.time, tokenSource: last.tokenSource ?? 'pasted' };
    if (last.atlasOrgId) link.atlasOrgId = last.atlasOrgId;
    return link;
  }
  if (last?.operation === 'unlink') return undefined;
  return record.status === 'SYNCED' ? 'unknown' : undefined;
}

const refOf = (record: OrgStatusRecord): OrgRef =>
  record.name ? { orgId: record.orgId, name: record.name } : { orgId: record.orgId };

/**
 * The orgs linked with a token of `atlasOrgId` as far as this extension knows, and the orgs of the same client
 * (the Atlas key pair's label) linked with a token whose Atlas org it does not know.
 */
export function revokeReach(
  atlasOrgId: string,
  atlas: Profile,
  contents: VaultContents,
  statuses: Readonly<Record<string, OrgStatusRecord>>,
  history: readonly HistoryEntry[],
): RevokeReach {
  const clientKeys = new Set(cloudManagerKeyPairsOfClient(contents.profiles, atlas.label).map((p) => p.id));
  const reach: RevokeReach = { linked: [], unknownAtlasOrg: [] };
  for (const record of Object.values(statuses)) {
    const link = knownLink(record, history);
    if (!link) continue;
    if (link !== 'unknown' && link.atlasOrgId === atlasOrgId) {
      reach.linked.push(refOf(record));
      continue;
    }
    if (link !== 'unknown' && link.atlasOrgId) continue; // linked with another Atlas org's token
    const serving = profileForOrg(contents, record.orgId, record.base);
    if (serving && clientKeys.has(serving.id)) reach.unknownAtlasOrg.push(refOf(record));
  }
  const byName = (a: OrgRef, b: OrgRef) => (a.name ?? a.orgId).localeCompare(b.name ?? b.orgId);
  reach.linked.sort(byName);
  reach.unknownAtlasOrg.sort(byName);
  return reach;
}
