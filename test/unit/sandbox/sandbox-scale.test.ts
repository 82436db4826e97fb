// `npm run sandbox -- --clients 30 --atlas-orgs 3`: the scaled world serves each org's own key pair, and the CSV it
// prints is what the extension's import reads as 33 valid key pairs, each client with exactly one Atlas org.
import { describe, expect, it } from 'vitest';
import { clientOfOrg, generateFixture, importCsv, keyOrgId, scaledFixture } from '../../../sandbox/fixture';
import { keyPairProblem, parseImport } from '../../../src/core/vault/import';

describe('the sandbox at scale', () => {
  const fixture = scaledFixture({ clients: 30, atlasOrgs: 3 });

  it('has 30 client orgs and 3 Atlas orgs, each with its own key pair, the same on every run', () => {
    expect(fixture.orgs.filter((o) => o.kind === 'cloud-manager')).toHaveLength(30);
    expect(fixture.orgs.filter((o) => o.kind === 'atlas')).toHaveLength(3);
    expect(new Set(fixture.keys.map(keyOrgId)).size).toBe(33);
    expect(importCsv(scaledFixture({ clients: 30, atlasOrgs: 3 }))).toBe(importCsv(fixture));
  });

  it('prints a CSV the import reads as 33 valid key pairs, every client with one Atlas org', () => {
    const parsed = parseImport(importCsv(fixture));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    expect(parsed.lines).toHaveLength(33);
    expect(parsed.lines.filter((l) => l.problem || l.needsSecret || keyPairProblem(l))).toEqual([]);
    const bySide = (side: string) => parsed.lines.filter((l) => l.input.side === side).map((l) => l.input.label);
    expect(new Set(bySide('atlas'))).toEqual(new Set(['Client A', 'Client B', 'Client C']));
    expect(bySide('atlas')).toHaveLength(3);
    for (const client of ['Client A', 'Client B', 'Client C']) {
      expect(bySide('cloud-manager').filter((c) => c === client)).toHaveLength(10);
    }
    // Each row's keys are the keys of an org the row's client holds.
    const clients = clientOfOrg(fixture);
    for (const line of parsed.lines) {
      const key = fixture.keys.find((k) => k.publicKey === line.input.publicKey)!;
      expect(key.privateKey).toBe(line.input.privateKey);
      expect(clients.get(keyOrgId(key)!)).toBe(line.input.label);
    }
  });

  it('without Atlas orgs, names each client after its org; service accounts carry their credential', () => {
    const small = scaledFixture({ clients: 2, atlasOrgs: 0 });
    expect(
      importCsv(small)
        .split('\n')
        .slice(1)
        .map((r) => r.split(',')[0]),
    ).toEqual(['Client 001', 'Client 002']);
    const withAccounts = generateFixture({ orgs: 2, atlasOrgs: 1, serviceAccounts: true });
    const parsed = parseImport(importCsv(withAccounts));
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
    const accounts = parsed.lines.filter((l) => l.input.credential === 'service-account');
    expect(accounts.map((l) => [l.input.label, l.input.side])).toEqual([
      ['Client A', 'cloud-manager'],
      ['Client A', 'cloud-manager'],
      ['Client A', 'atlas'],
    ]);
    expect(parsed.lines.filter((l) => l.problem || keyPairProblem(l))).toEqual([]);
  });
});
