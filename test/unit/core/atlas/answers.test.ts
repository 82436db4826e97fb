// The Atlas answer parsers, over generated answers: a link token is taken exactly when the Cloud Manager link would
// accept it (and then trimmed), anything else is after-token and never carries what it read; an org entry is taken
// exactly when it has a 24-hex id, a name and a boolean (or no) isDeleted; a listing keeps the live orgs in order.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLinkToken, readListedOrg, readOrganization } from '../../../../src/core/atlas';
import { CloudManagerError, isObjectId, normalizeLinkToken } from '../../../../src/core/cloudmanager';
import { json, setup } from './fake-atlas';

const objectId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });
const tokenChar = fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.~+/=');
const wellFormedToken = fc.string({ unit: tokenChar, minLength: 1, maxLength: 4096 });
const padding = fc.constantFrom('', ' ', '\n', '\t ', '\r\n', '\u00a0');

/** What a call throws, or undefined when it returns. */
function thrown(call: () => unknown): unknown {
  try {
    call();
    return undefined;
  } catch (error) {
    return error;
  }
}

/** Every text the error offers, which must not hold the token. */
// The stack without its frames: they name this file and fast-check's functions ("property"), which a generated
// secret may happen to be (a run found one), and never hold an answer's value.
const textsOf = (error: CloudManagerError) => [
  error.message,
  String(error),
  JSON.stringify(error),
  (error.stack ?? '')
    .split('\n')
    .filter((line) => !/^\s+at /.test(line))
    .join('\n'),
];

describe('readLinkToken', () => {
  it('returns a well-formed token, trimmed of the whitespace around it', () => {
    fc.assert(
      fc.property(wellFormedToken, padding, padding, (token, before, after) => {
        expect(readLinkToken({ linkToken: `${before}${token}${after}` })).toBe(token);
      }),
    );
  });

  it('takes a string exactly when the Cloud Manager link would, and then as that link would send it', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 50 }), fc.string({ unit: 'grapheme', maxLength: 50 })), (text) => {
        const accepted = thrown(() => normalizeLinkToken(text)) === undefined;
        const error = thrown(() => readLinkToken({ linkToken: text }));
        if (accepted) expect(readLinkToken({ linkToken: text })).toBe(normalizeLinkToken(text));
        else expect(error).toMatchObject({ kind: 'unexpected-response', variant: 'after-token', params: {} });
      }),
    );
  });

  it('refuses a token longer than a link token may be, without repeating it', () => {
    fc.assert(
      fc.property(fc.string({ unit: tokenChar, minLength: 4097, maxLength: 6000 }), (token) => {
        const error = thrown(() => readLinkToken({ linkToken: token })) as CloudManagerError;
        expect([error.kind, error.variant]).toEqual(['unexpected-response', 'after-token']);
        for (const text of textsOf(error)) expect(text).not.toContain(token.slice(0, 16));
      }),
      { numRuns: 20 },
    );
  });

  it('refuses any answer whose linkToken is not a string, and never repeats the answer', () => {
    const notString = fc.jsonValue().filter((v) => typeof v !== 'string');
    fc.assert(
      fc.property(notString, wellFormedToken, (value, secret) => {
        const body = { linkToken: value, elsewhere: secret };
        const error = thrown(() => readLinkToken(body)) as CloudManagerError;
        expect(error).toBeInstanceOf(CloudManagerError);
        expect([error.kind, error.variant, error.detail]).toEqual(['unexpected-response', 'after-token', undefined]);
        if (secret.length >= 8) for (const text of textsOf(error)) expect(text).not.toContain(secret);
      }),
    );
  });

  it('refuses a missing body', () => {
    expect(thrown(() => readLinkToken(undefined))).toMatchObject({
      kind: 'unexpected-response',
      variant: 'after-token',
    });
  });
});

const isDeleted = fc.option(fc.boolean(), { nil: undefined });
const name = fc.string({ minLength: 1, maxLength: 80 });
const extras = fc.dictionary(
  fc.string().filter((k) => !['id', 'name', 'isDeleted', '__proto__'].includes(k)),
  fc.jsonValue(),
  { maxKeys: 3 },
);
const wellFormedOrg = fc.record({ id: objectId, name, isDeleted, extra: extras }).map(({ extra, ...org }) => {
  const entry: Record<string, unknown> = { ...extra, id: org.id, name: org.name };
  if (org.isDeleted !== undefined) entry.isDeleted = org.isDeleted;
  return entry;
});

describe('readListedOrg', () => {
  it('keeps the id and name of a live org, and leaves a deleted one out', () => {
    fc.assert(
      fc.property(wellFormedOrg, (entry) => {
        const org = readListedOrg(entry);
        expect(org).toEqual(entry.isDeleted === true ? undefined : { id: entry.id, name: entry.name });
      }),
    );
  });

  it('takes an arbitrary value only when it is a well-formed org, and refuses it as unexpected-response otherwise', () => {
    const anyEntry = fc.oneof(
      fc.anything(),
      fc.record({ id: fc.oneof(objectId, fc.string(), fc.anything()), name: fc.anything(), isDeleted: fc.anything() }),
    );
    fc.assert(
      fc.property(anyEntry, (entry) => {
        const record = entry as Record<string, unknown>;
        const wellFormed =
          typeof entry === 'object' &&
          entry !== null &&
          !Array.isArray(entry) &&
          isObjectId(record.id) &&
          typeof record.name === 'string' &&
          record.name !== '' &&
          (record.isDeleted === undefined || typeof record.isDeleted === 'boolean');
        const error = thrown(() => readListedOrg(entry));
        if (wellFormed) expect(error).toBeUndefined();
        else expect(error).toMatchObject({ kind: 'unexpected-response', variant: 'atlas' });
      }),
    );
  });
});

describe('readOrganization', () => {
  it('takes the org asked for, with or without its id in the answer, and refuses another id', () => {
    fc.assert(
      fc.property(objectId, objectId, name, fc.boolean(), (asked, other, orgName, withId) => {
        const body = withId ? { id: asked, name: orgName } : { name: orgName };
        expect(readOrganization(body, asked)).toEqual({ id: asked, name: orgName });
        const foreign = thrown(() => readOrganization({ id: other, name: orgName }, asked));
        if (other === asked) expect(foreign).toBeUndefined();
        else expect(foreign).toMatchObject({ kind: 'unexpected-response', variant: 'atlas' });
      }),
    );
  });

  it('a deleted org is org-not-found (atlas); a missing body is unexpected-response', () => {
    const id = '6123456789abcdef01234567';
    expect(thrown(() => readOrganization({ id, name: 'A', isDeleted: true }, id))).toMatchObject({
      kind: 'org-not-found',
      variant: 'atlas',
    });
    expect(thrown(() => readOrganization(undefined, id))).toMatchObject({ kind: 'unexpected-response' });
  });
});

describe('listOrgs over generated listings', () => {
  it('returns the live orgs in the order listed, whatever the page sizes and totalCount', async () => {
    const listing = fc.array(fc.record({ id: objectId, name, isDeleted }), { maxLength: 1_200 });
    await fc.assert(
      fc.asyncProperty(listing, fc.boolean(), async (entries, withTotal) => {
        const pages = [];
        for (let from = 0; from === 0 || from < entries.length; from += 500) {
          const results = entries.slice(from, from + 500);
          pages.push(json(200, withTotal ? { results, totalCount: entries.length } : { results }));
        }
        // Without totalCount, a listing of exactly 500·n entries ends with an empty page.
        if (!withTotal && entries.length > 0 && entries.length % 500 === 0) pages.push(json(200, { results: [] }));
        const { api, requests } = setup({ 'GET /api/atlas/v2/orgs': pages });
        const live = entries.filter((e) => e.isDeleted !== true).map((e) => ({ id: e.id, name: e.name }));
        await expect(api.listOrgs()).resolves.toEqual(live);
        expect(requests).toHaveLength(pages.length);
      }),
      { numRuns: 40 },
    );
  });
});
