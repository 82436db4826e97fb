// The hand-over's CSV files (#34 items 2 and 5) in the page's words: the plan export names client, orgs, projects
// and cluster by name and id, the options, the verdict with its reasons and the validation; the client report has a
// row per deployment with its org's link and target, the migration's status, lag and window, UTC times, then the
// history after an empty line; every cell from outside goes through the dashboard's formula guard; en and ko.
import { describe, expect, it, vi } from 'vitest';
import type { KeptDeployment } from '../../../../src/core/atlas/migration-report';
import { buildClientReport } from '../../../../src/core/atlas/migration-report';
import type { ReportHistoryEntry, ReportOrgView } from '../../../../src/shared/migration-report-messages';
import { messagesOf } from '../../../support/catalogue';

const lookup = vi.hoisted(() => ({ locale: 'en' as 'en' | 'ko' }));
vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string, subs?: string | string[]) => messagesOf(lookup.locale)(key, subs) } },
}));
const { plansCsv, reportCsv, reportFileName } = await import('../../../../src/options/migrations/report-csv');

const H = 3_600_000;
const NOW = Date.UTC(2026, 2, 4, 12, 0, 0);
const parse = (csv: string) =>
  csv
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

const legacy: KeptDeployment = {
  cloudManagerOrgId: 'a'.repeat(24),
  orgName: '=HYPERLINK("x")',
  client: 'Acme',
  atlasOrgId: 'b'.repeat(24),
  atlasOrgName: 'Acme Atlas',
  sourceProjectId: 'c'.repeat(24),
  sourceProjectName: 'Orders',
  deployment: 'legacy-catalog',
  readiness: {
    ready: false,
    reasons: [
      { rule: 'mongodb-version', required: '6.0.17', found: '5.0.3' },
      { rule: 'feature-compatibility-version', required: '6.0', found: '5.0' },
    ],
    seenAt: NOW - H,
  },
  plan: {
    atlasProjectId: 'd'.repeat(24),
    atlasProjectName: 'Prod',
    destinationCluster: 'Cluster0',
    migrationHost: 'mh1.acme.example',
    managedAuthentication: false,
    ssl: true,
    hostnameSchemaType: 'PUBLIC',
    dropDestinationData: true,
    plannedAt: NOW - H,
  },
  validation: { outcome: 'failed', status: 'FAILED', errorMessage: 'FCV 5.0', checkedAt: NOW - H },
};

describe('plansCsv', () => {
  it('names every part of the plan by name and id, with the verdict, the reasons and the validation', () => {
    lookup.locale = 'en';
    const [header, row] = parse(plansCsv([legacy]));
    expect(header).toBe(
      'Client,Organization,Org ID,Source project,Source project ID,Deployment,Atlas target,Atlas target ID,' +
        'Atlas project,Atlas project ID,Atlas cluster,Migration host,Managed authentication,TLS,' +
        'Destination hostnames,Drop destination data,Readiness,Reasons,Validation,Validated (UTC)',
    );
    expect(row).toBe(
      `Acme,"'=HYPERLINK(""x"")",${'a'.repeat(24)},Orders,${'c'.repeat(24)},legacy-catalog,Acme Atlas,` +
        `${'b'.repeat(24)},Prod,${'d'.repeat(24)},Cluster0,mh1.acme.example,no,yes,PUBLIC,yes,Not ready to migrate,` +
        '"MongoDB 5.0.3 is older than 6.0.17, the oldest version a live migration (push) accepts. ' +
        'Feature compatibility version 5.0 is below 6.0.",Not passed: FCV 5.0,2026-03-04T11:00:00.000Z',
    );
    lookup.locale = 'ko';
    expect(parse(plansCsv([legacy]))[0]).toContain('고객사,조직,조직 ID,원본 프로젝트');
  });
});

describe('reportCsv', () => {
  const org: ReportOrgView = {
    orgId: 'a'.repeat(24),
    name: 'Acme Retail',
    status: 'SYNCED',
    statusFrom: 'link',
    atlasOrgId: 'b'.repeat(24),
    atlasOrgName: 'Acme Atlas',
  };
  const empty: ReportOrgView = { orgId: 'e'.repeat(24), name: 'Acme Archive' };
  const history: ReportHistoryEntry[] = [
    {
      time: NOW - 2 * H,
      orgId: org.orgId,
      orgName: 'Acme Retail',
      operation: 'migration-start',
      ok: true,
      result: 'NEW',
    },
  ];
  const report = buildClientReport(
    {
      client: 'Acme',
      orgs: [org, empty],
      kept: [{ ...legacy, orgName: 'Acme Retail', deployment: 'orders-rs', validation: undefined }],
      migrations: [
        {
          id: 'f'.repeat(24),
          cloudManagerOrgId: org.orgId,
          client: 'Acme',
          atlasOrgId: 'b'.repeat(24),
          dropDestinationData: true,
          atlasProjectId: 'd'.repeat(24),
          sourceProjectId: 'c'.repeat(24),
          sourceCluster: 'orders-rs',
          destinationCluster: 'Cluster0',
          status: 'WORKING' as const,
          lagTimeSeconds: 3,
          readyForCutover: true,
          readySince: NOW - 100 * H,
          startedAt: NOW - 101 * H,
          checkedAt: NOW,
        },
      ],
      history,
    },
    NOW,
  );

  it('gives a row per deployment with its org, the migration and the window, then the history', () => {
    lookup.locale = 'en';
    const lines = parse(reportCsv(report));
    expect(lines[0]).toMatch(/^Organization,Org ID,Link status,Atlas target,Atlas target ID,Source project,/);
    expect(lines[0]).toMatch(
      /Migration status,Lag,Time left to cut over,Cutover window ends \(UTC\),Started \(UTC\),Cut over \(UTC\)$/,
    );
    // The org with nothing seen yet keeps its own row.
    expect(lines[1]).toBe(`Acme Archive,${'e'.repeat(24)},Not checked,,`);
    expect(lines[2]).toContain(`Acme Retail,${'a'.repeat(24)},"Linked, synced",Acme Atlas,`);
    expect(lines[2]).toContain(
      'Ready for cutover,3 s behind,Less than 24 hours left to cut over: 20 h 0 min,2026-03-05T08:00:00.000Z,' +
        '2026-02-28T07:00:00.000Z,',
    );
    expect(lines.slice(3)).toEqual([
      '',
      'Time (UTC),Organization,Action,Result',
      '2026-03-04T10:00:00.000Z,Acme Retail,Start migration,Done (NEW)',
    ]);
  });

  it('names the file after the client, as a file name can hold it', () => {
    expect(reportFileName(' Acme / Retail: "EU" ', new Date(NOW))).toBe(
      'atlas-migration-report-Acme-Retail-EU-2026-03-04.csv',
    );
    expect(reportFileName('한국 고객', new Date(NOW))).toBe('atlas-migration-report-한국-고객-2026-03-04.csv');
  });
});
