// MongoDB's published answers (test/fixtures/recorded/sources.json), replayed over real HTTP through the clients the
// worker builds: the real Digest layer (as signing-fetch.ts sets it up) under the Cloud Manager and Atlas API layers.
// Each asserts what a user would see: the kind, the sentence, and how many requests were sent (#29).
import { afterEach, describe, expect, it } from 'vitest';
import { createAtlasApi } from '../../../../src/core/atlas';
import { CloudManagerError, createCloudManagerApi } from '../../../../src/core/cloudmanager';
import { createDigestFetch, createMemoryNonceStore } from '../../../../src/core/digest';
import sources from '../../../fixtures/recorded/sources.json';
import { englishOf, messagesOf } from '../../../support/catalogue';
import { type Answer, type Replay, readDocumented, readSnaphost, startReplay } from './replay-server';

const fileOf = (situation: string) => {
  const entry = sources.answers.find((a) => a.situation === situation);
  if (!entry) throw new Error(`no published answer for ${situation}`);
  return entry.file;
};

const WRONG_PRIVATE_KEY = readSnaphost(fileOf('a wrong private key'));
const UNKNOWN_PUBLIC_KEY = readSnaphost(fileOf('an unknown public key'));
const TOKEN_MADE = readSnaphost(fileOf('a link token made'));
const NOTHING_TO_REMOVE = readSnaphost(fileOf('nothing to remove (no link made with this Atlas org)'));
const LINK_REMOVED = readSnaphost(fileOf("the org's link removed, after a create"));
const ORGS = readSnaphost(fileOf("the key's Atlas orgs"));
const ONE_ORG = readSnaphost(fileOf('one Atlas org'));
const MIGRATION_RUNNING = readDocumented(fileOf('a live migration still uses the link'), 409);
const RATE_LIMITED = readDocumented(
  fileOf('rate limited, without Retry-After (the header is optional in the spec)'),
  429,
);
const INTERNAL = readDocumented(fileOf('an internal error'), 500);
const LINKED = readDocumented(
  fileOf("the org linked (nothing is recorded for Cloud Manager's liveExport endpoints)"),
  201,
);

const ATLAS_ORG = 'a0123456789abcdef012345a';
const CM_ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';

let replay: Replay | undefined;
afterEach(async () => {
  await replay?.close();
  replay = undefined;
});

/** The worker's clients for one API key, over a replay answering each signed request with `answer`. */
async function clients(answer: (index: number) => Answer) {
  replay = await startReplay(WRONG_PRIVATE_KEY, (_seen, index) => answer(index));
  const sleeps: number[] = [];
  const fetch = createDigestFetch(
    { username: 'qwhtzmpa', password: '0d7e4a9c-2b1f-4c3e-9a8d-5e6f7a8b9c0d' },
    { store: createMemoryNonceStore(), shareNonceAcrossKeys: true },
  );
  const options = {
    baseUrl: replay.baseUrl,
    fetch,
    sleep: async (ms: number) => {
      sleeps.push(ms);
    },
  };
  return { cloudManager: createCloudManagerApi(options), atlas: createAtlasApi(options), sleeps, seen: replay.seen };
}

async function failure(promise: Promise<unknown>): Promise<CloudManagerError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(CloudManagerError);
  return error as CloudManagerError;
}

const en = messagesOf('en');

describe('a wrong key, as the service answers it (401, UNEXPECTED_ERROR, stale=false)', () => {
  it.each([
    ['a wrong private key', WRONG_PRIVATE_KEY],
    ['an unknown public key', UNKNOWN_PUBLIC_KEY],
  ])('%s on a Cloud Manager status check: the wrong-key sentence, within 3 requests, no retry', async (_, refusal) => {
    const { cloudManager, sleeps, seen } = await clients(() => refusal);
    const error = await failure(cloudManager.linkStatus(CM_ORG));
    expect([error.kind, error.status, error.errorCode]).toEqual(['bad-credentials', 401, 'UNEXPECTED_ERROR']);
    expect(englishOf(error)).toEqual({ message: en('error_bad_credentials'), remedy: en('remedy_bad_credentials') });
    expect(seen.length).toBeLessThanOrEqual(3);
    expect(sleeps).toEqual([]);
  });

  it("while identifying a new key (GET /orgs), the settings form's first call: the same", async () => {
    const { cloudManager, sleeps, seen } = await clients(() => WRONG_PRIVATE_KEY);
    const error = await failure(cloudManager.ownOrgs());
    expect(error.kind).toBe('bad-credentials');
    expect(seen.map((s) => `${s.method} ${s.path}`)).toEqual([
      'GET /api/public/v1.0/orgs?itemsPerPage=500&pageNum=1',
      'GET /api/public/v1.0/orgs?itemsPerPage=500&pageNum=1',
    ]);
    expect(sleeps).toEqual([]);
  });

  it('on an Atlas call: worded for Atlas, within 3 requests', async () => {
    const { atlas, sleeps, seen } = await clients(() => UNKNOWN_PUBLIC_KEY);
    const error = await failure(atlas.listOrgs());
    expect([error.kind, error.variant]).toEqual(['bad-credentials', 'atlas']);
    expect(englishOf(error).message).toBe(en('error_bad_credentials_atlas'));
    expect(seen.length).toBeLessThanOrEqual(3);
    expect(sleeps).toEqual([]);
  });

  it('a link POST refused for the key is the wrong-key sentence, and the token is sent once', async () => {
    const { cloudManager, seen } = await clients(() => WRONG_PRIVATE_KEY);
    const error = await failure(cloudManager.linkOrganization(CM_ORG, 'opaque-link-token-value'));
    expect(error.kind).toBe('bad-credentials');
    expect(seen.filter((s) => s.signed && s.body.includes('opaque-link-token-value')).length).toBeLessThanOrEqual(2);
  });
});

describe('link tokens, as recorded', () => {
  it('create answers 201 with the token: read, one signed POST', async () => {
    const { atlas, seen } = await clients(() => TOKEN_MADE);
    await expect(atlas.createLinkToken(ATLAS_ORG)).resolves.toBe('redactedToken');
    expect(seen.filter((s) => s.signed).map((s) => `${s.method} ${s.path}`)).toEqual([
      `POST /api/atlas/v2/orgs/${ATLAS_ORG}/liveMigrations/linkTokens`,
    ]);
  });

  it('a revoke with nothing to remove (404 UNEXPECTED_ERROR) is that outcome, asked once, not a server error', async () => {
    const { atlas, sleeps, seen } = await clients(() => NOTHING_TO_REMOVE);
    await expect(atlas.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('nothing-to-revoke');
    expect(seen.filter((s) => s.signed)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });

  it('a revoke after a create (204) removes the link', async () => {
    const { atlas } = await clients(() => LINK_REMOVED);
    await expect(atlas.revokeLinkTokens(ATLAS_ORG)).resolves.toBe('revoked');
  });

  it('(documented) a revoke while a migration runs: refused, naming the project, not retried', async () => {
    const { atlas, sleeps, seen } = await clients(() => MIGRATION_RUNNING);
    const error = await failure(atlas.revokeLinkTokens(ATLAS_ORG));
    expect([error.kind, error.params.projects]).toEqual(['migration-running', '60c4fd418ebe251047c50554']);
    expect(englishOf(error).message).toContain('60c4fd418ebe251047c50554');
    expect(seen.filter((s) => s.signed)).toHaveLength(1);
    expect(sleeps).toEqual([]);
  });
});

describe('Atlas orgs, as recorded', () => {
  it('the list: the one org, by id and name', async () => {
    const { atlas } = await clients(() => ORGS);
    await expect(atlas.listOrgs()).resolves.toEqual([{ id: ATLAS_ORG, name: 'Atlas CLI E2E' }]);
  });

  it('one org: its name', async () => {
    const { atlas } = await clients(() => ONE_ORG);
    await expect(atlas.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'Atlas CLI E2E' });
  });
});

describe('(documented) what the spec shows where nothing is recorded', () => {
  it('a 429 without Retry-After waits 10 s, then 20 s, as Atlas advises; then says to wait', async () => {
    const { atlas, sleeps, seen } = await clients(() => RATE_LIMITED);
    const error = await failure(atlas.listOrgs());
    expect([error.kind, error.variant]).toEqual(['rate-limited', 'atlas-no-seconds']);
    expect(sleeps).toEqual([10_000, 20_000]);
    expect(seen.filter((s) => s.signed)).toHaveLength(3);
  });

  it('a 500 UNEXPECTED_ERROR is a server error, repeated with back-off on a GET', async () => {
    const { cloudManager, sleeps } = await clients(() => INTERNAL);
    const error = await failure(cloudManager.linkStatus(CM_ORG));
    expect(error.kind).toBe('server-error');
    expect(sleeps).toEqual([500, 1000]);
  });

  it("Cloud Manager's documented link answer (201, SYNCED)", async () => {
    const { cloudManager } = await clients(() => LINKED);
    await expect(cloudManager.linkOrganization(CM_ORG, 'opaque-link-token-value')).resolves.toEqual({
      status: 'SYNCED',
    });
  });
});

describe('the published answers themselves', () => {
  it('every file named in sources.json is there and says who published it', () => {
    for (const entry of sources.answers) {
      expect(['recorded', 'documented']).toContain(entry.source);
      const answer = entry.file.endsWith('.snaphost') ? readSnaphost(entry.file) : readDocumented(entry.file, 200);
      expect(answer.body.length + answer.headers.length).toBeGreaterThan(0);
      if (entry.source === 'documented') expect(entry).toHaveProperty('where');
    }
  });

  it('the wrong-key answer is the one the reference quotes: a fresh challenge with stale=false', () => {
    const challenge = WRONG_PRIVATE_KEY.headers.find(([name]) => name.toLowerCase() === 'www-authenticate')?.[1];
    expect(challenge).toMatch(
      /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/=]{32}", algorithm=MD5, qop="auth", stale=false$/,
    );
    expect(JSON.parse(WRONG_PRIVATE_KEY.body)).toEqual({
      error: 401,
      reason: 'Unauthorized',
      detail: 'You are not authorized for this resource.',
      errorCode: 'UNEXPECTED_ERROR',
    });
  });
});
