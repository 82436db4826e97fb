// What of the worker's answer a popup may paint from memory: only an unlocked org's panel with a key pair to serve
// it, with only those key pairs and no masked key; a running call left out, a call of unknown outcome never kept.
import { describe, expect, it } from 'vitest';
import { samePanel, snapshotOf, snapshotPage } from '../../../src/shared/popup-snapshot';
import { GROUP, keyPair, ORG, orgContext } from '../popup/popup-fixture';

describe('snapshotOf', () => {
  it("keeps an org's panel with only the key pairs that may serve it, their masked keys emptied", () => {
    const kept = snapshotOf(orgContext())!;
    expect(kept.profiles).toEqual([{ ...keyPair('p1', 'Acme', ORG, 'Acme Prod'), maskedPrivateKey: '' }]);
    expect(kept.org).toEqual({ orgId: ORG, name: 'Acme Prod' });
    expect(JSON.stringify(kept)).not.toContain('••••');
  });

  it.each([
    ['locked', { vault: 'locked' as const }],
    ['empty', { vault: 'empty' as const }],
    ['no org', { org: undefined }],
    ['no key pair for it', { candidates: [] }],
    ['no candidates said', { candidates: undefined }],
    ['an Atlas org', { atlasPage: { atlasOrgId: ORG, name: 'A', profileId: 'p1', clientOrgs: [] } }],
    ['a project of an unknown client', { needsClient: true }],
    ['a project whose org was not found', { locationError: { kind: 'network' as const } }],
    ['a call of unknown outcome', { interrupted: 'link' as const }],
  ])('keeps nothing of %s', (_what, overrides) => {
    expect(snapshotOf(orgContext(overrides))).toBeUndefined();
  });

  it('leaves a running call out: the panel it paints is the same with or without the status check running', () => {
    expect(snapshotOf(orgContext({ inFlight: 'status' }))).toEqual(snapshotOf(orgContext()));
    expect(snapshotOf(orgContext({ inFlight: 'status' }))).not.toHaveProperty('inFlight');
  });
});

describe('samePanel', () => {
  const kept = JSON.parse(JSON.stringify(snapshotOf(orgContext()))); // as storage gives it back
  it("is the same for the worker's full answer of the same panel", () => {
    expect(samePanel(kept, orgContext())).toBe(true);
    expect(samePanel(kept, orgContext({ inFlight: 'status' }))).toBe(true);
  });
  it("is the same when storage gives the panel back with its keys sorted, as Chromium's does", () => {
    const sorted = (value: unknown): unknown =>
      Array.isArray(value)
        ? value.map(sorted)
        : value && typeof value === 'object'
          ? Object.fromEntries(
              Object.entries(value)
                .sort(([a], [b]) => a.localeCompare(b))
                .map(([k, v]) => [k, sorted(v)]),
            )
          : value;
    const fromChromium = sorted(kept) as typeof kept;
    expect(JSON.stringify(fromChromium)).not.toBe(JSON.stringify(kept));
    expect(samePanel(fromChromium, orgContext())).toBe(true);
    expect(samePanel(fromChromium, orgContext({ autoLockMinutes: 5 }))).toBe(false);
  });
  it('differs where a value differs at any depth, an array holds more, or a key is missing', () => {
    const context = orgContext();
    expect(samePanel(kept, { ...context, org: { ...context.org!, name: 'Acme Test' } })).toBe(false);
    expect(samePanel(kept, { ...context, candidates: [...context.candidates!, 'p9'] })).toBe(false);
    expect(samePanel({ ...kept, profileId: undefined }, context)).toBe(false);
    expect(samePanel({ ...kept, extra: undefined } as typeof kept, context)).toBe(true);
    expect(samePanel({ ...kept, org: [] } as unknown as typeof kept, context)).toBe(false);
  });
  it.each([
    ['another status', { org: { orgId: ORG, name: 'Acme Prod', status: 'SYNCED' as const } }],
    ['another key pair chosen', { profileId: undefined }],
    ['locked since', { vault: 'locked' as const }],
    ['a call of unknown outcome', { interrupted: 'link' as const }],
    ['another auto-lock', { autoLockMinutes: 5 }],
  ])('differs with %s', (_what, overrides) => {
    expect(samePanel(kept, orgContext(overrides))).toBe(false);
  });
});

describe('snapshotPage', () => {
  it('names an org or a project with its server', () => {
    const base = 'https://cloud.mongodb.com';
    expect(snapshotPage({ kind: 'org', orgId: ORG, base })).toBe(`org ${base} ${ORG}`);
    expect(snapshotPage({ kind: 'group', groupId: GROUP, base })).toBe(`group ${base} ${GROUP}`);
    expect(snapshotPage({ kind: 'org', orgId: ORG, base: 'http://ops:8080' })).not.toBe(
      snapshotPage({ kind: 'org', orgId: ORG, base }),
    );
  });
});
