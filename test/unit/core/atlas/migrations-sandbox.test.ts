// The Atlas migration client (#34 item 1) against the sandbox over real HTTP with the real Digest layer: after a
// link, availableProjects and the readiness verdict per deployment; validate, start, watch, cutover to COMPLETE;
// targets listed; a key without Organization Owner gets not-org-owner.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_TIMELINE } from '../../../../sandbox/migration-store';
import { type Sandbox, startSandbox } from '../../../../sandbox/server';
import { createAtlasApi, createAtlasMigrationApi, migrationReadiness } from '../../../../src/core/atlas';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { createDigestFetch, createMemoryNonceStore } from '../../../../src/core/digest';

let sb: Sandbox;
beforeAll(async () => {
  sb = await startSandbox({ httpsPort: 0, httpPort: 0 });
});
afterAll(async () => {
  await sb.close();
});

const options = (keyName: string) => {
  const key = sb.fixture.keys.find((k) => k.name === keyName)!;
  const fetch = createDigestFetch(
    { username: key.publicKey, password: key.privateKey },
    { store: createMemoryNonceStore() },
  );
  return { baseUrl: sb.httpUrl!, fetch, sleep: async () => {} };
};
const id = (kind: 'orgs' | 'groups', name: string) =>
  (kind === 'orgs' ? sb.fixture.orgs : sb.fixture.groups).find((x) => x.name === name)!.id;

describe('the migration client against the sandbox', () => {
  it('lists what Atlas sees after a link, with a verdict per deployment, and runs one migration to COMPLETE', async () => {
    const atlasOrg = id('orgs', 'Acme Retail (Atlas)');
    const token = await createAtlasApi(options('atlas')).createLinkToken(atlasOrg);
    await createCloudManagerApi(options('owner')).linkOrganization(id('orgs', 'Acme Retail'), token);

    const api = createAtlasMigrationApi(options('atlas'));
    const projects = await api.availableProjects(atlasOrg);
    const verdicts = projects.flatMap((p) =>
      p.deployments.map((d) => {
        const v = migrationReadiness(d, { migrationHosts: p.migrationHosts, side: 'cloud-manager' });
        return [d.name, v.ready, v.reasons.map((r) => r.rule)];
      }),
    );
    expect(verdicts).toEqual([
      ['orders-rs', true, []],
      ['legacy-catalog', false, ['mongodb-version', 'feature-compatibility-version']],
      ['staging-shards', false, ['migration-host']],
    ]);

    const [target] = await api.projects(atlasOrg);
    const [cluster] = await api.clusters(target!.id);
    expect([target!.name, cluster!.name]).toEqual(['acme-atlas-cluster', 'Cluster0']);
    const prod = projects[0]!;
    const plan = {
      source: { groupId: prod.projectId, clusterName: 'orders-rs', managedAuthentication: true, ssl: true },
      destination: { groupId: target!.id, clusterName: cluster!.name, hostnameSchemaType: 'PUBLIC' },
      migrationHost: prod.migrationHosts[0]!,
      dropDestinationData: false,
    };
    const job = await api.validate(plan);
    expect(job.outcome).toBe('pending');
    sb.advanceClock(MIGRATION_TIMELINE.validationMs);
    expect((await api.validation(target!.id, job.id)).outcome).toBe('passed');

    const started = await api.start(plan);
    expect([started.status, started.readyForCutover]).toEqual(['NEW', false]);
    sb.advanceClock(MIGRATION_TIMELINE.newMs + MIGRATION_TIMELINE.syncMs / 2);
    const half = await api.migration(target!.id, started.id);
    expect(half.status).toBe('WORKING');
    expect(half.lagTimeSeconds).toBeGreaterThan(MIGRATION_TIMELINE.readyLagSeconds);
    sb.advanceClock(MIGRATION_TIMELINE.syncMs / 2);
    expect((await api.migration(target!.id, started.id)).readyForCutover).toBe(true);
    await api.cutover(target!.id, started.id);
    sb.advanceClock(MIGRATION_TIMELINE.cutoverMs);
    expect((await api.migration(target!.id, started.id)).status).toBe('COMPLETE');
  });

  it('a key without Organization Owner: not-org-owner; an unknown project: group-not-found', async () => {
    const member = createAtlasMigrationApi(options('atlasmember'));
    const refusal = await member.availableProjects(id('orgs', 'Acme Retail (Atlas)')).catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(CloudManagerError);
    expect((refusal as CloudManagerError).kind).toBe('not-org-owner');
    const api = createAtlasMigrationApi(options('atlas'));
    const missing = await api.clusters('0123456789abcdef01234567').catch((e: unknown) => e);
    expect((missing as CloudManagerError).kind).toBe('group-not-found');
  });
});
