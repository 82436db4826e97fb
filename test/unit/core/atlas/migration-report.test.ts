// The hand-over's builders (#34 items 2 and 5): the plan export lists only deployments with a plan, in a stable
// order; a client's report joins each org's kept deployments with their latest migration, gives the cutover
// window's time left only while it can still be used, keeps another client's orgs and the link history out.
import { describe, expect, it } from 'vitest';
import { CUTOVER_WINDOW_MS } from '../../../../src/core/atlas/cutover-window';
import {
  buildClientReport,
  type KeptDeployment,
  keptPlans,
  type MigrationLike,
} from '../../../../src/core/atlas/migration-report';

const H = 3_600_000;
const NOW = 1_700_000_000_000;

const kept = (over: Partial<KeptDeployment>): KeptDeployment => ({
  cloudManagerOrgId: 'org-a',
  orgName: 'Acme Retail',
  client: 'Acme',
  atlasOrgId: 'atlas-a',
  sourceProjectId: 'p1',
  sourceProjectName: 'Orders',
  deployment: 'orders-rs',
  readiness: { ready: true, reasons: [], seenAt: NOW - H },
  ...over,
});

const PLAN = {
  atlasProjectId: 'ap1',
  atlasProjectName: 'Prod',
  destinationCluster: 'Cluster0',
  migrationHost: 'mh1.acme.example',
  managedAuthentication: true,
  ssl: true,
  hostnameSchemaType: 'PUBLIC',
  dropDestinationData: false,
  plannedAt: NOW - 2 * H,
};

type Migration = MigrationLike & {
  id: string;
  atlasProjectId: string;
  destinationCluster: string;
  readyForCutover: boolean;
  lagTimeSeconds?: number;
  checkedAt: number;
};

const migration = (over: Partial<Migration>): Migration => ({
  id: 'm1',
  cloudManagerOrgId: 'org-a',
  atlasProjectId: 'ap1',
  sourceProjectId: 'p1',
  sourceCluster: 'orders-rs',
  destinationCluster: 'Cluster0',
  status: 'WORKING',
  readyForCutover: false,
  startedAt: NOW - 10 * H,
  checkedAt: NOW,
  ...over,
});

const history = [
  { time: 30, orgId: 'org-a', operation: 'migration-start' },
  { time: 10, orgId: 'org-a', operation: 'link' },
  { time: 20, orgId: 'org-a', operation: 'migration-validate' },
  { time: 40, orgId: 'org-z', operation: 'migration-cutover' },
];

describe('keptPlans', () => {
  it('lists the deployments with a plan, by client, org, project and deployment (numbers in order)', () => {
    const rows = keptPlans([
      kept({ deployment: 'rs10', plan: PLAN }),
      kept({ deployment: 'unplanned' }),
      kept({ client: 'Globex', orgName: 'Globex', plan: PLAN }),
      kept({ deployment: 'rs9', plan: PLAN }),
      kept({ client: 'acme', orgName: 'Acme Archive', deployment: 'z', plan: PLAN }),
    ]);
    expect(rows.map((r) => [r.client, r.orgName, r.deployment])).toEqual([
      ['acme', 'Acme Archive', 'z'],
      ['Acme', 'Acme Retail', 'rs9'],
      ['Acme', 'Acme Retail', 'rs10'],
      ['Globex', 'Globex', 'orders-rs'],
    ]);
  });
});

describe('buildClientReport', () => {
  const orgs = [
    { orgId: 'org-b', name: 'Acme Wholesale' },
    { orgId: 'org-a', name: 'Acme Retail' },
  ];

  it('joins each deployment with its latest migration and counts the window from the first ready answer', () => {
    const report = buildClientReport(
      {
        client: 'Acme',
        orgs,
        kept: [kept({ plan: PLAN }), kept({ deployment: 'legacy', readiness: undefined })],
        migrations: [
          migration({ id: 'old', status: 'FAILED', startedAt: NOW - 50 * H }),
          migration({ id: 'm1', readyForCutover: true, readySince: NOW - 100 * H, lagTimeSeconds: 2 }),
          // Started here but not among the kept deployments (seen before they were kept): still reported.
          migration({ id: 'm2', cloudManagerOrgId: 'org-b', sourceProjectName: 'Stock', sourceCluster: 'stock' }),
          migration({ id: 'other', cloudManagerOrgId: 'org-z' }),
        ],
        history,
      },
      NOW,
    );
    expect(report.generatedAt).toBe(NOW);
    expect(report.orgs.map((o) => [o.org.orgId, o.deployments.map((d) => [d.deployment, d.migration?.id])])).toEqual([
      [
        'org-a',
        [
          ['legacy', undefined],
          ['orders-rs', 'm1'],
        ],
      ],
      ['org-b', [['stock', 'm2']]],
    ]);
    const orders = report.orgs[0]!.deployments[1]!;
    expect(orders.kept?.plan).toEqual(PLAN);
    expect(orders.window).toEqual({ endsAt: NOW + 20 * H, leftMs: 20 * H, level: 'soon' });
    expect(report.orgs[1]!.deployments[0]).toMatchObject({ sourceProjectName: 'Stock' });
    expect(report.orgs[1]!.deployments[0]!.window).toBeUndefined();
    // The client's own migration history only, oldest first; a link is not a migration step.
    expect(report.history.map((e) => e.operation)).toEqual(['migration-validate', 'migration-start']);
  });

  it('gives no window once cut over, settled or never ready, and a closed one after 120 hours', () => {
    const windowOf = (over: Partial<Migration>) =>
      buildClientReport({ client: 'Acme', orgs, kept: [], migrations: [migration(over)], history: [] }, NOW).orgs[0]!
        .deployments[0]!.window;
    expect(windowOf({})).toBeUndefined();
    expect(windowOf({ readySince: NOW - H, cutoverAt: NOW - 1 })).toBeUndefined();
    for (const status of ['COMPLETE', 'EXPIRED', 'FAILED']) {
      expect(windowOf({ readySince: NOW - H, status })).toBeUndefined();
    }
    expect(windowOf({ readySince: NOW - H })).toMatchObject({ leftMs: CUTOVER_WINDOW_MS - H, level: 'none' });
    expect(windowOf({ readySince: NOW - 121 * H })).toMatchObject({ leftMs: 0, level: 'closed' });
  });
});
