// Every road from a thrown value to the ErrorView a page words: each vault error kind to its page kind, with its
// variant (a field's variant names the field), field and safe params and nothing else; a worker error's kind and
// params (none when it has none); local faults (decoding → vault-corrupted, anything else → internal); a Cloud
// Manager or Digest failure with variant, error code and status. And the params of a key of another org, and a
// worker error's message: its kind and variant, never a param.
import { describe, expect, it } from 'vitest';
import { toErrorView } from '../../../../src/background/messaging/error-view';
import { keyOfOtherOrg, WorkerError } from '../../../../src/background/messaging/worker-error';
import { CloudManagerError } from '../../../../src/core/cloudmanager';
import { VaultError } from '../../../../src/core/vault';

describe('toErrorView: vault errors', () => {
  it.each([
    ['wrong-passphrase', 'wrong-passphrase'],
    ['weak-passphrase', 'weak-passphrase'],
    ['corrupted', 'vault-corrupted'],
    ['unsupported-version', 'vault-corrupted'],
    ['unknown-profile', 'no-profile'],
    ['invalid-backup', 'invalid-backup'],
    ['invalid-profile', 'invalid-input'],
    ['invalid-base-url', 'invalid-input'],
    ['not-found', 'invalid-input'],
  ] as const)('%s reads as %s, with no params when it has none', (kind, view) => {
    expect(toErrorView(new VaultError(kind))).toEqual({ kind: view });
  });

  it.each(['unsendable-character', 'control-character', 'too-long'])(
    "a field's %s variant names the field",
    (variant) => {
      expect(toErrorView(new VaultError('invalid-profile', { variant, field: 'privateKey' }))).toEqual({
        kind: 'invalid-input',
        params: { variant: `${variant}-privateKey`, field: 'privateKey' },
      });
    },
  );

  it('any other variant stays as it is, beside its field; a variant without a field has no field', () => {
    expect(toErrorView(new VaultError('invalid-profile', { variant: 'empty', field: 'label' }))).toEqual({
      kind: 'invalid-input',
      params: { variant: 'empty', field: 'label' },
    });
    expect(toErrorView(new VaultError('invalid-profile', { variant: 'too-long' }))).toEqual({
      kind: 'invalid-input',
      params: { variant: 'too-long' },
    });
    expect(toErrorView(new VaultError('invalid-base-url', { field: 'baseUrl' }))).toEqual({
      kind: 'invalid-input',
      params: { field: 'baseUrl' },
    });
  });

  it('keeps its params beside the variant', () => {
    const error = new VaultError('weak-passphrase', { variant: 'too-short', params: { min: '10' } });
    expect(toErrorView(error)).toEqual({ kind: 'weak-passphrase', params: { min: '10', variant: 'too-short' } });
    expect(error.params).toEqual({ min: '10' }); // the error itself is not changed
  });
});

describe('toErrorView: worker errors', () => {
  it('a worker error without params has none', () => {
    expect(toErrorView(new WorkerError('vault-locked'))).toEqual({ kind: 'vault-locked' });
  });

  it('a key of another org names its org; without one it names none', () => {
    const named = keyOfOtherOrg({ id: 'a1', name: 'Acme' });
    expect(named).toBeInstanceOf(WorkerError);
    expect(named).toMatchObject({
      name: 'WorkerError',
      kind: 'key-other-org',
      params: { orgId: 'a1', orgName: 'Acme' },
    });
    expect(named.message).toBe('key-other-org');
    const unnamed = keyOfOtherOrg(undefined);
    expect(unnamed.params).toBeUndefined();
    expect(unnamed.message).toBe('key-other-org');
    expect(toErrorView(unnamed)).toEqual({ kind: 'key-other-org' });
  });

  it("a worker error's message is its kind and variant, for logs: never a parameter's value", () => {
    const error = new WorkerError('no-profile', { variant: 'project-elsewhere', orgId: 'a1b2c3', orgName: 'Acme' });
    expect(error.message).toBe('no-profile (project-elsewhere)');
    expect(String(error)).toBe('WorkerError: no-profile (project-elsewhere)');
    expect(new WorkerError('busy', { operation: 'link', label: 'Acme Payroll' }).message).toBe('busy');
    expect(new WorkerError('vault-locked').message).toBe('vault-locked');
    // The page still gets every parameter.
    expect(toErrorView(error)).toEqual({
      kind: 'no-profile',
      params: { variant: 'project-elsewhere', orgId: 'a1b2c3', orgName: 'Acme' },
    });
  });
});

describe('toErrorView: local faults', () => {
  it.each(['OperationError', 'DataError', 'InvalidCharacterError', 'InvalidAccessError'])(
    'a %s (bad stored bytes) reads as a damaged vault',
    (name) => {
      expect(toErrorView(new DOMException('x', name))).toEqual({ kind: 'vault-corrupted' });
      expect(toErrorView({ name })).toEqual({ kind: 'vault-corrupted' });
    },
  );

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a string', 'boom'],
    ['a number', 42],
    ['a SyntaxError', new SyntaxError('x')],
    ['a name that is not text', { name: 1 }],
    ['a kind that is not text', { kind: 7, name: 'OperationErrorX' }],
  ])('%s reads as internal, with no params', (_, thrown) => {
    expect(toErrorView(thrown)).toEqual({ kind: 'internal' });
  });
});

describe('toErrorView: Cloud Manager and Digest failures', () => {
  it('a Cloud Manager error keeps its variant, error code and status', () => {
    const error = new CloudManagerError('bad-credentials', { status: 401, errorCode: 'USER_UNAUTHORIZED' });
    expect(toErrorView(error)).toEqual({
      kind: 'bad-credentials',
      params: { variant: error.variant, errorCode: 'USER_UNAUTHORIZED', status: '401' },
    });
  });

  it('without an error code or a status it has neither (not even as an empty key)', () => {
    expect(toErrorView(new CloudManagerError('unexpected-response'))).toStrictEqual({
      kind: 'unexpected-response',
      params: { variant: 'default' },
    });
  });

  it("keeps the error's own params (an IP address the server named)", () => {
    const view = toErrorView(new CloudManagerError('ip-not-allowed', { callerIp: '203.0.113.9', status: 403 }));
    expect(view.params).toMatchObject({ ip: '203.0.113.9', status: '403' });
  });

  it("a failure the Digest client decoded (it has a kind) is described as the API's", () => {
    expect(toErrorView({ kind: 'timeout' })).toEqual({ kind: 'timeout', params: { variant: 'default' } });
    expect(toErrorView(Object.assign(new Error('x'), { kind: 'bad-credentials', status: 401 }))).toEqual({
      kind: 'bad-credentials',
      params: { variant: 'default', status: '401' },
    });
  });
});
