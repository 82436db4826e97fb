// The readiness verdict (#34 item 1): per deployment, ready or the published rules it misses, with what each rule
// requires and what the deployment has; facts without a published rule (agent version, sizes, managed) decide
// nothing.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type AvailableDeployment,
  migrationReadiness,
  READINESS_SOURCES,
  type ReadinessContext,
} from '../../../../src/core/atlas';

const deployment = (overrides: Partial<AvailableDeployment> = {}): AvailableDeployment => ({
  name: 'orders-rs',
  mongoDBVersion: '7.0.14',
  featureCompatibilityVersion: '7.0',
  managed: true,
  sharded: false,
  tlsEnabled: false,
  ...overrides,
});
const CM: ReadinessContext = { migrationHosts: ['vm001.example.com'], side: 'cloud-manager' };
const rules = (d: Partial<AvailableDeployment>, context = CM) =>
  migrationReadiness(deployment(d), context).reasons.map((r) => r.rule);

describe('migrationReadiness', () => {
  it('passes a 7.0.14 replica set with FCV 7.0 and a migration host', () => {
    expect(migrationReadiness(deployment(), CM)).toEqual({ ready: true, reasons: [], notes: [] });
  });

  it('names the version rule with the minimum of its release line (6.0.17, 7.0.13)', () => {
    expect(
      migrationReadiness(deployment({ mongoDBVersion: '6.0.16', featureCompatibilityVersion: '6.0' }), CM).reasons,
    ).toEqual([{ rule: 'mongodb-version', required: '6.0.17', found: '6.0.16' }]);
    expect(migrationReadiness(deployment({ mongoDBVersion: '7.0.12' }), CM).reasons).toEqual([
      { rule: 'mongodb-version', required: '7.0.13', found: '7.0.12' },
    ]);
    expect(rules({ mongoDBVersion: '7.0.13' })).toEqual([]);
    expect(rules({ mongoDBVersion: '8.0.0', featureCompatibilityVersion: '8.0' })).toEqual([]);
  });

  it('refuses an FCV older than 6.0, a rapid release, an Ops Manager source from 6.0.13, and no migration host', () => {
    expect(
      migrationReadiness(deployment({ mongoDBVersion: '5.0.26', featureCompatibilityVersion: '5.0' }), CM).reasons,
    ).toEqual([
      { rule: 'mongodb-version', required: '6.0.17', found: '5.0.26' },
      { rule: 'feature-compatibility-version', required: '6.0', found: '5.0' },
    ]);
    expect(rules({ featureCompatibilityVersion: '5.0' })).toEqual(['feature-compatibility-version']);
    expect(rules({ mongoDBVersion: '8.2.1', featureCompatibilityVersion: '8.2' })).toEqual(['rapid-release']);
    expect(rules({}, { ...CM, side: 'ops-manager' })).toEqual(['ops-manager-source']);
    expect(rules({}, { ...CM, migrationHosts: [] })).toEqual(['migration-host']);
  });

  it('says when it cannot read a version instead of guessing', () => {
    expect(rules({ mongoDBVersion: 'seven', featureCompatibilityVersion: '' })).toEqual([
      'version-unreadable',
      'version-unreadable',
    ]);
    expect(rules({ mongoDBVersion: '7.0.14-ent' })).toEqual([]);
  });

  it('notes TLS and sharding for the plan without refusing', () => {
    expect(migrationReadiness(deployment({ tlsEnabled: true, sharded: true, shardsSize: 2 }), CM)).toEqual({
      ready: true,
      reasons: [],
      notes: [{ rule: 'tls-source' }, { rule: 'sharded-destination' }],
    });
  });

  it('names a published page for every source', () => {
    for (const url of Object.values(READINESS_SOURCES)) expect(url).toMatch(/^https:\/\/www\.mongodb\.com\/docs\//);
  });
});

const versionPart = fc.integer({ min: 0, max: 30 });
const anyDeployment = fc.record({
  name: fc.string({ minLength: 1 }),
  mongoDBVersion: fc.oneof(
    fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 3 }), versionPart).map((v) => v.join('.')),
    fc.string(),
  ),
  featureCompatibilityVersion: fc.oneof(
    fc.tuple(fc.integer({ min: 3, max: 9 }), fc.integer({ min: 0, max: 3 })).map((v) => v.join('.')),
    fc.string(),
  ),
  managed: fc.boolean(),
  sharded: fc.boolean(),
  tlsEnabled: fc.boolean(),
  agentVersion: fc.option(fc.string(), { nil: undefined }),
  dbSizeBytes: fc.option(fc.nat(), { nil: undefined }),
  oplogSizeMB: fc.option(fc.nat(), { nil: undefined }),
});
const anyContext = fc.record({
  migrationHosts: fc.array(fc.string({ minLength: 1 }), { maxLength: 2 }),
  side: fc.constantFrom('cloud-manager' as const, 'ops-manager' as const),
});

describe('migrationReadiness, properties', () => {
  it('is ready exactly when no rule is missed', () => {
    fc.assert(
      fc.property(anyDeployment, anyContext, (d, c) => {
        const verdict = migrationReadiness(d, c);
        expect(verdict.ready).toBe(verdict.reasons.length === 0);
      }),
    );
  });

  it('does not depend on facts without a published rule (agent version, sizes, managed)', () => {
    fc.assert(
      fc.property(
        anyDeployment,
        anyContext,
        fc.string(),
        fc.nat(),
        fc.nat(),
        fc.boolean(),
        (d, c, agent, db, oplog, managed) => {
          const other = { ...d, agentVersion: agent, dbSizeBytes: db, oplogSizeMB: oplog, managed };
          expect(migrationReadiness(other, c)).toEqual(migrationReadiness(d, c));
        },
      ),
    );
  });

  it('refuses every version below 6.0.17 and passes every x.0 release line from its minimum on', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 3, max: 6 }),
        fc.integer({ min: 0, max: 3 }),
        versionPart,
        (major, minor, patch) => {
          fc.pre(major < 6 || (major === 6 && minor === 0 && patch < 17));
          expect(rules({ mongoDBVersion: `${major}.${minor}.${patch}` })).toContain('mongodb-version');
        },
      ),
    );
    fc.assert(
      fc.property(fc.integer({ min: 6, max: 9 }), versionPart, (major, extra) => {
        const patch = major === 6 ? 17 + extra : major === 7 ? 13 + extra : extra;
        expect(rules({ mongoDBVersion: `${major}.0.${patch}`, featureCompatibilityVersion: '6.0' })).toEqual([]);
      }),
    );
  });

  it('names only the rules it knows, each with a source, and no reason twice but the unreadable ones', () => {
    fc.assert(
      fc.property(anyDeployment, anyContext, (d, c) => {
        const found = migrationReadiness(d, c).reasons.map((r) => r.rule);
        const readable = found.filter((r) => r !== 'version-unreadable');
        expect(new Set(readable).size).toBe(readable.length);
      }),
    );
  });
});
