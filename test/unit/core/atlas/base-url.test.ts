// Where the Atlas client sends its calls (base-url.ts, transport.ts): the API root built from a key pair's base URL,
// what is no plain http(s) address, which hosts are Atlas for Government, answers that point elsewhere (never
// followed), and the variant chosen when a text's fact is missing.
import { describe, expect, it } from 'vitest';
import { atlasApiRoot, isAtlasForGovernment } from '../../../../src/core/atlas';
import { chooseVariant } from '../../../../src/core/cloudmanager';
import { ATLAS_ORG, failure, json, randomToken, setup, TOKENS } from './fake-atlas';

/** What atlasApiRoot throws for a base URL, as [kind, variant]; undefined when it returns a root. */
function refusal(baseUrl: string): [string, string] | undefined {
  try {
    atlasApiRoot(baseUrl);
    return undefined;
  } catch (error) {
    const { kind, variant } = error as { kind: string; variant: string };
    return [kind, variant];
  }
}

describe('isAtlasForGovernment', () => {
  it.each([
    ['cloud.mongodbgov.com', true],
    ['CLOUD.MONGODBGOV.COM', true],
    ['cloud.mongodbgov.com.', true],
    ['mongodbgov.com', true],
    ['a.b.mongodbgov.com', true],
    ['notmongodbgov.com', false],
    ['mongodbgov.com.evil.example', false],
    ['cloud.mongodb.com', false],
    ['mongodbgov.co', false],
    ['', false],
  ])('%j → %s', (host, government) => {
    expect(isAtlasForGovernment(host)).toBe(government);
  });
});

describe('atlasApiRoot', () => {
  it.each([
    ['https://cloud.mongodb.com', 'https://cloud.mongodb.com/api/atlas/v2'],
    ['https://cloud.mongodb.com/', 'https://cloud.mongodb.com/api/atlas/v2'],
    ['https://cloud.mongodb.com:443///', 'https://cloud.mongodb.com/api/atlas/v2'],
    ['http://127.0.0.1:9080', 'http://127.0.0.1:9080/api/atlas/v2'],
    ['https://proxy.example/mongo/', 'https://proxy.example/mongo/api/atlas/v2'],
  ])('%s → %s', (baseUrl, root) => {
    expect(atlasApiRoot(baseUrl)).toBe(root);
  });

  it.each([
    'cloud.mongodb.com',
    'ftp://cloud.mongodb.com',
    'file:///etc/hosts',
    'https://user@cloud.mongodb.com',
    'https://:secret@cloud.mongodb.com',
    'https://cloud.mongodb.com/?envelope=true',
    'https://cloud.mongodb.com/#top',
  ])('%s is no plain http(s) address', (baseUrl) => {
    expect(refusal(baseUrl)).toEqual(['network', 'invalid-base-url']);
  });

  it.each(['https://cloud.mongodbgov.com', 'https://cloud.mongodbgov.com/?x=1', 'ftp://cloud.mongodbgov.com'])(
    '%s is Atlas for Government, whatever else is wrong with it',
    (baseUrl) => {
      expect(refusal(baseUrl)).toEqual(['atlas-for-government', 'default']);
    },
  );
});

describe('chooseVariant without the fact a text names', () => {
  it('takes <variant>-no-<fact> where the kind has it, else no-<fact>', () => {
    expect(chooseVariant('ip-not-allowed', 'atlas', {})).toBe('atlas-no-ip');
    expect(chooseVariant('rate-limited', 'atlas', {})).toBe('atlas-no-seconds');
    expect(chooseVariant('redirected', 'atlas', {})).toBe('atlas-no-host');
    expect(chooseVariant('ip-not-allowed', 'during-link', {})).toBe('no-ip');
    expect(chooseVariant('ip-not-allowed', undefined, {})).toBe('no-ip');
    expect(chooseVariant('ip-not-allowed', 'atlas', { ip: '192.0.2.1' })).toBe('atlas');
    expect(chooseVariant('not-org-owner', 'atlas-no-ip', {})).toBe('default');
  });
});

describe('answers a browser hands back after a redirect', () => {
  const shaped = (facts: { type?: string; url?: string }) => () => {
    const response = json(200, { id: ATLAS_ORG, name: 'A' });
    for (const [key, value] of Object.entries(facts)) Object.defineProperty(response, key, { value });
    return response;
  };
  const ORG_ROUTE = `GET /api/atlas/v2/orgs/${ATLAS_ORG}`;

  it('an opaque redirect is redirected without a host', async () => {
    const { api } = setup({ [ORG_ROUTE]: [shaped({ type: 'opaqueredirect' })] });
    const error = await failure(api.organization(ATLAS_ORG));
    expect([error.kind, error.variant]).toEqual(['redirected', 'atlas-no-host']);
  });

  it('an answer from the same origin is the answer', async () => {
    const url = `https://cloud.mongodb.com/api/atlas/v2/orgs/${ATLAS_ORG}`;
    const { api } = setup({ [ORG_ROUTE]: [shaped({ url })] });
    await expect(api.organization(ATLAS_ORG)).resolves.toEqual({ id: ATLAS_ORG, name: 'A' });
  });
});

describe('a redirect from the Atlas API', () => {
  it('is never followed: redirected, with the host only, worded for Atlas, not repeated', async () => {
    const moved = new Response(null, { status: 302, headers: { Location: 'https://evil.example:8443/steal?x=1' } });
    const { api, requests } = setup({ [`DELETE ${TOKENS}`]: [moved] });
    const error = await failure(api.revokeLinkTokens(ATLAS_ORG));
    expect([error.kind, error.variant, error.params]).toEqual(['redirected', 'atlas', { host: 'evil.example:8443' }]);
    expect(requests).toHaveLength(1);
  });

  it('without a Location is redirected, atlas-no-host', async () => {
    const { api } = setup({ [`POST ${TOKENS}`]: [new Response(null, { status: 307 })] });
    const error = await failure(api.createLinkToken(ATLAS_ORG));
    expect([error.kind, error.variant, error.params]).toEqual(['redirected', 'atlas-no-host', {}]);
  });

  it('an answer from another origin (a fetch that followed anyway) is redirected', async () => {
    const followed = () => {
      const response = json(200, { linkToken: randomToken() });
      Object.defineProperty(response, 'url', { value: 'https://elsewhere.example/api' });
      return response;
    };
    const { api } = setup({ [`POST ${TOKENS}`]: [followed] });
    const error = await failure(api.createLinkToken(ATLAS_ORG));
    expect([error.kind, error.params]).toEqual(['redirected', { host: 'elsewhere.example' }]);
  });
});
