// Properties mutation testing found unprotected (issue #18): only a whole, well-formed error code is taken as one
// (never server-echoed text around or inside it), and a secret exactly at the redaction's piece length is removed
// whole from the server's detail.
import { describe, expect, it } from 'vitest';
import { decodeErrorResponse } from '../../../../src/core/cloudmanager';

const answer = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json', ...headers } });

describe('the error code', () => {
  it.each([
    ['text before the code', 'x USER_UNAUTHORIZED'],
    ['text after the code', 'USER_UNAUTHORIZED y'],
    ['text around the code', 'x USER_UNAUTHORIZED y'],
    ['lowercase', 'user_unauthorized'],
    ['a lowercase prefix', 'xUSER_UNAUTHORIZED'],
    ['a trailing character', 'USER_UNAUTHORIZED!'],
    ['one character', 'U'],
  ])('in the body: %s is not a code', async (_, errorCode) => {
    // A 403 without a code is 'not-org-owner'; what matters is that no code is kept.
    const error = await decodeErrorResponse(answer(403, { errorCode, detail: 'refused' }), { operation: 'org' });
    expect(error.errorCode).toBeUndefined();
    expect(error.kind).toBe('not-org-owner');
  });

  it.each([
    ['text before', 'echo INVALID_LINK_TOKEN'],
    ['text after', 'INVALID_LINK_TOKEN echo'],
    ['lowercase around', 'bad INVALID_LINK_TOKEN!'],
  ])('an echoed code with %s does not decide the kind (404 on status stays not-linked)', async (_, errorCode) => {
    const error = await decodeErrorResponse(answer(404, { errorCode }), { operation: 'status' });
    expect(error.errorCode).toBeUndefined();
    expect(error.kind).toBe('not-linked');
  });

  it('the well-formed code itself is kept and decides the kind', async () => {
    const error = await decodeErrorResponse(answer(400, { errorCode: 'NOT_ORG_OWNER' }), { operation: 'status' });
    expect(error.errorCode).toBe('NOT_ORG_OWNER');
    expect(error.kind).toBe('not-org-owner');
  });

  it.each([
    ['x USER_UNAUTHORIZED y', undefined, 'not-org-owner'],
    ['USER_UNAUTHORIZED y', undefined, 'not-org-owner'],
    ['x RATE_LIMITED', undefined, 'not-org-owner'],
    ['  RATE_LIMITED  ', 'RATE_LIMITED', 'rate-limited'],
  ])('in the X-Error-Code header: %j → code %s, kind %s', async (header, code, kind) => {
    const error = await decodeErrorResponse(answer(403, {}, { 'X-Error-Code': header }), { operation: 'org' });
    expect(error.errorCode).toBe(code);
    expect(error.kind).toBe(kind);
  });
});

describe('redaction of the server detail', () => {
  it('a secret exactly 8 characters long (the piece length) is redacted whole', async () => {
    const secret = 'Zq7Lp2Xw';
    const error = await decodeErrorResponse(
      answer(400, { errorCode: 'INVALID_JSON', detail: `token ${secret} is bad` }),
      {
        operation: 'link',
        secrets: [secret],
      },
    );
    expect(error.detail).toBe('token [redacted] is bad');
  });

  it('a word holding only the last 8 characters of a longer secret is redacted', async () => {
    const secret = 'abcdEFGH12345678';
    const error = await decodeErrorResponse(
      answer(400, { errorCode: 'INVALID_JSON', detail: `bad tail 12345678 and head abcdEFGH here` }),
      { operation: 'link', secrets: [secret] },
    );
    expect(error.detail).toBe('bad tail [redacted] and head [redacted] here');
  });

  it('a secret shorter than 8 characters is redacted only where it appears whole', async () => {
    const error = await decodeErrorResponse(answer(400, { detail: 'see s3cr3t and s3cr' }), {
      operation: 'link',
      secrets: ['s3cr3t'],
    });
    expect(error.detail).toBe('see [redacted] and s3cr');
  });
});
