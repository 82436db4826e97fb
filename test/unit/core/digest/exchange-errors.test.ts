// The Digest client's and the token client's errors (exchange-error.ts): a kind to switch on, which is also the
// message; a refused redirect's host and the failure's cause are fields, never words in the message.
import { describe, expect, it } from 'vitest';
import { DigestError } from '../../../../src/core/digest';
import { OAuthError } from '../../../../src/core/oauth';

describe.each([
  ['DigestError', DigestError],
  ['OAuthError', OAuthError],
] as const)('%s', (name, ErrorType) => {
  it('is named, and its message is its kind', () => {
    const error = new ErrorType('network');
    expect([error.name, error.kind, error.message, String(error)]).toEqual([
      name,
      'network',
      'network',
      `${name}: network`,
    ]);
    expect(error.cause).toBeUndefined();
  });

  it("keeps a redirect's host and the cause as fields, never in its message", () => {
    const cause = new TypeError('connect ECONNREFUSED https://user:s3cret@cm.example.test');
    const error = new ErrorType('redirected', { host: 'elsewhere.example:8443', cause });
    expect([error.kind, error.host, error.cause]).toEqual(['redirected', 'elsewhere.example:8443', cause]);
    expect(error.message).toBe('redirected');
    expect(String(error)).not.toMatch(/elsewhere|s3cret/);
  });
});
