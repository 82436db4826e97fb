// What the mutation run of 2026-12-05 found unprotected in the Cloud Manager layer (issue #18): each error code a
// server sends decides its kind whatever the status beside it; a body-refused code on a link is the token's fault;
// every service-account text variant is chosen when asked for, with or without the fact it names; an Atlas token
// request's failure is worded for Atlas unless the answer was not understood; an id is a string, never something
// that prints like one; and the caller's IP is found at the end of a sentence.
import { describe, expect, it } from 'vitest';
import { chooseVariant, isObjectId, variantFor } from '../../../../src/core/cloudmanager';
import { findCallerIp } from '../../../../src/core/cloudmanager/caller-ip';
import { classifyErrorAnswer } from '../../../../src/core/cloudmanager/error-codes';

describe('an error code decides the kind, whatever the status (400 alone would say unknown)', () => {
  it.each([
    ['USER_UNAUTHORIZED', 'not-org-owner'],
    ['NOT_ORG_OWNER', 'not-org-owner'],
    ['USER_CANNOT_ACCESS_ORG', 'not-org-owner'],
    ['IP_ADDRESS_NOT_ON_ACCESS_LIST', 'ip-not-allowed'],
    ['IP_ADDRESS_NOT_ON_WHITELIST', 'ip-not-allowed'],
    ['API_KEY_ACCESS_LIST_ACCESS_DENIED', 'ip-not-allowed'],
    ['API_KEY_WHITELIST_ACCESS_DENIED', 'ip-not-allowed'],
    ['RESOURCE_REQUIRES_ACCESS_LIST', 'access-list-required'],
    ['RESOURCE_REQUIRES_WHITELIST', 'access-list-required'],
    ['ORG_REQUIRES_ACCESS_LIST', 'access-list-required'],
    ['ORG_REQUIRES_WHITELIST', 'access-list-required'],
    ['ORG_NOT_FOUND', 'org-not-found'],
    ['INVALID_ORG_ID', 'org-not-found'],
    ['GROUP_NOT_FOUND', 'group-not-found'],
    ['INVALID_GROUP_ID', 'group-not-found'],
    ['EXPECTED_NON_ATLAS_ORG', 'atlas-org'],
    ['NOT_ATLAS_ORG', 'not-atlas-org'],
    ['INVALID_VERSION_DATE', 'api-version-refused'],
    ['UNSUPPORTED_MEDIA_TYPE', 'api-version-refused'],
    ['RATE_LIMITED', 'rate-limited'],
    ['RATE_LIMITED_TOKEN_BUCKET', 'rate-limited'],
    ['CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK', 'migration-running'],
    ['WRITES_NOT_ALLOWED_DURING_APP_UPGRADES', 'maintenance'],
  ])('%s → %s', (errorCode, kind) => {
    expect(classifyErrorAnswer({ status: 400 })).toBe('unknown');
    expect(classifyErrorAnswer({ status: 400, errorCode })).toBe(kind);
  });

  it.each([
    [401, 'bad-credentials'],
    [404, 'not-linked'],
    [500, 'server-error'],
    [400, 'unknown'],
  ] as const)('UNEXPECTED_ERROR is generic: with %i the status decides (%s) (#29)', (status, kind) => {
    for (const errorCode of ['UNEXPECTED_ERROR', 'SOMETHING_NEW']) {
      expect(classifyErrorAnswer({ status, errorCode, operation: 'status' })).toBe(kind);
    }
  });

  it.each(['INVALID_JSON', 'MALFORMED_JSON', 'MISSING_ATTRIBUTE', 'VALIDATION_ERROR'])(
    '%s on a link is the token refused, even with a 500 beside it',
    (errorCode) => {
      expect(classifyErrorAnswer({ status: 500, errorCode, operation: 'link' })).toBe('invalid-token');
    },
  );
});

describe('service-account texts', () => {
  it.each([
    ['ip-not-allowed', 'atlas-service-account'],
    ['ip-not-allowed', 'service-account'],
    ['access-list-required', 'service-account'],
    ['access-list-required', 'atlas-service-account'],
  ] as const)('%s: the %s text when the IP is known, its -no-ip text when not', (kind, variant) => {
    expect(chooseVariant(kind, variant, { ip: '203.0.113.7' })).toBe(variant);
    expect(chooseVariant(kind, variant, {})).toBe(`${variant}-no-ip`);
  });

  it('rate-limited for a service account: with the seconds, and without them', () => {
    expect(chooseVariant('rate-limited', 'service-account', { seconds: '30' })).toBe('service-account');
    expect(chooseVariant('rate-limited', 'service-account', {})).toBe('service-account-no-seconds');
  });
});

describe('the variant a failed call asks for', () => {
  it("an Atlas link-token request's failure is worded for Atlas; only an answer not understood says what may exist", () => {
    expect(variantFor('unexpected-response', 'create-token')).toBe('after-token');
    for (const kind of ['rate-limited', 'server-error', 'not-org-owner', 'network'] as const) {
      expect(variantFor(kind, 'create-token')).toBe('atlas');
    }
  });

  it("a Cloud Manager link's failure asks for its own words only when the answer was not understood", () => {
    expect(variantFor('unexpected-response', 'link')).toBe('after-link');
    for (const kind of ['rate-limited', 'server-error', 'not-org-owner', 'network', 'invalid-token'] as const) {
      expect(variantFor(kind, 'link')).toBeUndefined();
    }
    expect(variantFor('unexpected-response', 'status')).toBeUndefined();
  });
});

describe('ids and the caller IP', () => {
  it('an org id is a string: an array or an object that prints as one is not', () => {
    const id = '5f1a2b3c4d5e6f7a8b9c0d1e';
    expect(isObjectId(id)).toBe(true);
    expect(isObjectId([id])).toBe(false);
    expect(isObjectId({ toString: () => id })).toBe(false);
  });

  it('finds the IP at the end of a sentence, and not inside a longer dotted number', () => {
    expect(findCallerIp(['Request from 203.0.113.7. Add it to the access list.'])).toBe('203.0.113.7');
    expect(findCallerIp(['version 1.2.3.4.5 of something'])).toBeUndefined();
  });
});
