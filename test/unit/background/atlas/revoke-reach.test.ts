// Which Cloud Manager orgs a revoke of an Atlas org's link may cut off, from the extension's records (issue #29,
// item 5): those it linked with a token of that Atlas org; those of the same client linked with a token whose Atlas
// org it does not know (a pasted token, an org answered SYNCED with no link of its own); never an org known not to
// be linked, unlinked since, or linked with another Atlas org's token. Records from before `linkMade` existed are
// read from history.
import { describe, expect, it } from 'vitest';
import { revokeReach } from '../../../../src/background/atlas/revoke-reach';
import type { Profile, VaultContents } from '../../../../src/core/vault';
import type { HistoryEntry, OrgStatusRecord } from '../../../../src/shared/domain';

const id = (n: number) => n.toString(16).padStart(24, '0');
const ATLAS = id(0xa1);
const OTHER_ATLAS = id(0xa2);
const CLOUD = 'https://cloud.mongodb.com';

const profile = (pid: string, label: string, side: Profile['side'], orgId: string, name = orgId): Profile => ({
  id: pid,
  label,
  side,
  publicKey: `${pid}key`,
  privateKey: 'x',
  baseUrl: CLOUD,
  orgIds: side === 'atlas' ? [] : [orgId],
  org: { id: orgId, name },
  createdAt: 0,
  updatedAt: 0,
});

const atlas = profile('pa', 'Acme', 'atlas', ATLAS, 'Acme Atlas');
const contents: VaultContents = {
  version: 1,
  profiles: [
    atlas,
    ...[1, 2, 3, 4, 5, 6, 7].map((n) => profile(`p${n}`, 'Acme', 'cloud-manager', id(n))),
    profile('g8', 'Globex', 'cloud-manager', id(8)),
  ],
};

const link = (orgId: string, time: number, atlasOrgId?: string): HistoryEntry => ({
  time,
  orgId,
  operation: 'link',
  result: 'SYNCED',
  ok: true,
  profileLabel: 'Acme',
  tokenSource: atlasOrgId ? 'created' : 'pasted',
  ...(atlasOrgId ? { atlasOrgId } : {}),
});

describe('revokeReach', () => {
  it("names this Atlas org's links, and the same client's links of unknown Atlas org; nothing else", () => {
    const statuses: Record<string, OrgStatusRecord> = {
      // Linked by the extension with this Atlas org's token, then a status check answered NOT_SYNCED.
      [id(1)]: {
        orgId: id(1),
        name: 'Acme Prod',
        status: 'NOT_SYNCED',
        statusFrom: 'status',
        linkMade: { time: 1, tokenSource: 'created', atlasOrgId: ATLAS },
      },
      // Linked with another Atlas org's token.
      [id(2)]: {
        orgId: id(2),
        status: 'SYNCED',
        linkMade: { time: 1, tokenSource: 'created', atlasOrgId: OTHER_ATLAS },
      },
      // A pasted token: its Atlas org unknown.
      [id(3)]: { orgId: id(3), name: 'Acme Dev', status: 'SYNCED', linkMade: { time: 1, tokenSource: 'pasted' } },
      // Known not linked now.
      [id(4)]: { orgId: id(4), status: 'NOT_LINKED', linkMade: { time: 1, tokenSource: 'created', atlasOrgId: ATLAS } },
      // An older record: history says it was linked with this Atlas org's token.
      [id(5)]: { orgId: id(5), status: 'SYNCED' },
      // An older record: linked, then unlinked in history.
      [id(6)]: { orgId: id(6), status: 'SYNCED' },
      // Answered SYNCED, no link of the extension's: linked with some token.
      [id(7)]: { orgId: id(7), status: 'SYNCED' },
      // Another client's org with a pasted link.
      [id(8)]: { orgId: id(8), status: 'SYNCED', linkMade: { time: 1, tokenSource: 'pasted' } },
      // Visited, never linked: a status check's NOT_SYNCED confirms no link.
      [id(9)]: { orgId: id(9), status: 'NOT_SYNCED', statusFrom: 'status' },
    };
    const history: HistoryEntry[] = [
      link(id(5), 1, ATLAS),
      link(id(6), 1, ATLAS),
      { ...link(id(6), 2), operation: 'unlink', result: 'NOT_LINKED' },
      { ...link(id(5), 3), ok: false, result: 'network' },
    ];
    // By name, else id.
    expect(revokeReach(ATLAS, atlas, contents, statuses, history)).toEqual({
      linked: [{ orgId: id(5) }, { orgId: id(1), name: 'Acme Prod' }],
      unknownAtlasOrg: [{ orgId: id(7) }, { orgId: id(3), name: 'Acme Dev' }],
    });
  });
});
