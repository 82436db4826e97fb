// The spec's documented answers for the migration calls (test/fixtures/recorded/sources.json), replayed over real HTTP
// through the real Digest layer and the Atlas migration client: what the client reads from them, the version each
// call names, and that a failed read is not repeated.
import { afterEach, describe, expect, it } from 'vitest';
import { createAtlasMigrationApi } from '../../../../src/core/atlas';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import { createDigestFetch, createMemoryNonceStore } from '../../../../src/core/digest';
import sources from '../../../fixtures/recorded/sources.json';
import { type Answer, type Replay, readDocumented, readSnaphost, startReplay } from './replay-server';

const fileOf = (situation: string) => {
  const entry = sources.answers.find((a) => a.situation === situation);
  if (!entry) throw new Error(`no published answer for ${situation}`);
  return entry.file;
};

const CHALLENGE = readSnaphost(fileOf('a wrong private key'));
const V1 = [['Content-Type', 'application/vnd.atlas.2023-01-01+json;charset=utf-8']] as [string, string][];
const PROJECTS = readDocumented(fileOf('the projects Atlas can migrate'), 200);
const VALIDATION = readDocumented(fileOf('a validation job'), 200);
const MIGRATION = readDocumented(fileOf('a migration job'), 200);
const INTERNAL = readDocumented(fileOf('an internal error'), 500);

const ORG = 'a0123456789abcdef012345a';
const PROJECT = '32b6e34b3d91647abb20e7b8';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

const accepts: string[] = [];
async function client(answer: (index: number) => Answer) {
  accepts.length = 0;
  replay = await startReplay(CHALLENGE, (_seen, index) => answer(index));
  const digest = createDigestFetch(
    { username: 'qwhtzmpa', password: '0d7e4a9c-2b1f-4c3e-9a8d-5e6f7a8b9c0d' },
    { store: createMemoryNonceStore(), shareNonceAcrossKeys: true },
  );
  const fetch: typeof digest = (input, init) => {
    accepts.push(new Headers(init?.headers).get('accept') ?? '');
    return digest(input, init);
  };
  const api = createAtlasMigrationApi({ baseUrl: replay.baseUrl, fetch, sleep: async () => {} });
  return { api, seen: replay.seen };
}

describe('the documented migration answers, read by the real client', () => {
  it('availableProjects: the project, its host and its deployment with every documented fact', async () => {
    const { api, seen } = await client(() => ({ ...PROJECTS, headers: V1 }));
    expect(await api.availableProjects(ORG)).toEqual([
      {
        projectId: PROJECT,
        name: 'string',
        migrationHosts: ['string'],
        deployments: [
          {
            name: 'Project X sharded cluster',
            clusterId: PROJECT,
            mongoDBVersion: 'string',
            featureCompatibilityVersion: 'string',
            managed: true,
            sharded: true,
            shardsSize: 3,
            tlsEnabled: true,
            dbSizeBytes: 8192,
            oplogSizeMB: 3,
            agentVersion: 'string',
          },
        ],
      },
    ]);
    expect(seen.filter((s) => s.signed).map((s) => [s.method, s.path])).toEqual([
      ['GET', `/api/atlas/v2/orgs/${ORG}/liveMigrations/availableProjects`],
    ]);
    expect(accepts.at(-1)).toBe('application/vnd.atlas.2023-01-01+json');
  });

  it('a validation job: its status as written, and an errorMessage read as a failure', async () => {
    const { api } = await client(() => VALIDATION);
    expect(await api.validation(PROJECT, PROJECT)).toEqual({
      id: PROJECT,
      status: 'string',
      outcome: 'failed',
      errorMessage: 'string',
      groupId: PROJECT,
      sourceGroupId: PROJECT,
    });
  });

  it('a migration job: status, lag, readyForCutover and hosts', async () => {
    const { api } = await client(() => MIGRATION);
    expect(await api.migration(PROJECT, PROJECT)).toEqual({
      id: PROJECT,
      status: 'string',
      lagTimeSeconds: 0,
      readyForCutover: true,
      migrationHosts: ['vm001.example.com'],
    });
  });

  it('validate and start name the 2024-05-30 version, and are not repeated after a 500', async () => {
    const plan = {
      source: { groupId: PROJECT, clusterName: 'rs0', managedAuthentication: true, ssl: true },
      destination: { groupId: PROJECT, clusterName: 'Cluster0', hostnameSchemaType: 'PUBLIC' },
      migrationHost: 'vm001.example.com',
      dropDestinationData: false,
    };
    for (const call of ['validate', 'start'] as const) {
      const { api, seen } = await client(() => INTERNAL);
      const error = await api[call](plan).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error).toBeInstanceOf(CloudManagerError);
      expect((error as CloudManagerError).kind).toBe('server-error');
      const signed = seen.filter((s) => s.signed);
      expect(signed, call).toHaveLength(1);
      expect(JSON.parse(signed[0]!.body).migrationHosts).toEqual(['vm001.example.com']);
      expect(accepts.at(-1)).toBe('application/vnd.atlas.2024-05-30+json');
    }
  });

  it('a read is repeated after a 500, as every GET is', async () => {
    const { api, seen } = await client((i) => (i === 0 ? INTERNAL : MIGRATION));
    expect((await api.migration(PROJECT, PROJECT)).readyForCutover).toBe(true);
    expect(seen.filter((s) => s.signed)).toHaveLength(2);
  });
});
