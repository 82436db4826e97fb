// What the pages are told when something fails: a kind they can translate, safe parameters, and never the text of
// a foreign error (it may carry a token or a key).
import { describe, expect, it } from 'vitest';
import { toErrorView } from '../../../../src/background/messaging/error-view';
import { WorkerError } from '../../../../src/background/messaging/worker-error';
import { VaultError } from '../../../../src/core/vault';

describe('toErrorView', () => {
  it('maps vault errors to the kinds the UI explains', () => {
    expect(toErrorView(new VaultError('wrong-passphrase')).kind).toBe('wrong-passphrase');
    expect(toErrorView(new VaultError('corrupted')).kind).toBe('vault-corrupted');
    // A key pair deleted meanwhile (another settings tab): the user is asked to choose one again.
    expect(toErrorView(new VaultError('unknown-profile')).kind).toBe('no-profile');
  });

  it("keeps a worker error's kind and parameters, and sends no words of its own", () => {
    expect(toErrorView(new WorkerError('busy', { operation: 'link' }))).toEqual({
      kind: 'busy',
      params: { operation: 'link' },
    });
  });

  it('never repeats the message of a foreign error', () => {
    const secret = 'linktoken-3f9c2e71-8a4b-4c5d';
    const view = toErrorView(new TypeError(`Failed to fetch with ${secret}`));
    expect(JSON.stringify(view)).not.toContain(secret);
  });

  it('calls only a failure the Digest client decoded a network failure; local faults stay local', () => {
    // Before: every TypeError read as "Cloud Manager could not be reached" (a newline in a key, a bad IV, ...).
    expect(toErrorView(Object.assign(new Error('x'), { kind: 'network' })).kind).toBe('network');
    expect(toErrorView(new TypeError("Failed to execute 'fetch': Invalid header value")).kind).toBe('internal');
    expect(toErrorView(new TypeError("Cannot read properties of undefined (reading 'map')")).kind).toBe('internal');
    expect(toErrorView(new DOMException('bad iv', 'OperationError')).kind).toBe('vault-corrupted');
    expect(toErrorView(new DOMException('not base64', 'InvalidCharacterError')).kind).toBe('vault-corrupted');
  });
});
