import { describe, expect, it } from 'vitest';
import { assertObjectId, CloudManagerError, isObjectId } from '../../../../src/core/cloudmanager';
import { englishOf } from '../../../support/catalogue';

describe('object ids', () => {
  it('accepts 24 lowercase hex characters only', () => {
    expect(isObjectId('5f1a2b3c4d5e6f7a8b9c0d1e')).toBe(true);
    for (const bad of [
      '',
      '5F1A2B3C4D5E6F7A8B9C0D1E',
      '5f1a2b3c4d5e6f7a8b9c0d1',
      '5f1a2b3c4d5e6f7a8b9c0d1e\n',
      'zf1a2b3c4d5e6f7a8b9c0d1e',
    ]) {
      expect(isObjectId(bad)).toBe(false);
    }
  });

  it('names what was wrong without echoing the value', () => {
    const pasted = 'my-private-key-pasted-here';
    for (const what of ['org', 'group'] as const) {
      let caught: unknown;
      try {
        assertObjectId(pasted, what);
      } catch (error) {
        caught = error;
      }
      expect(caught).toBeInstanceOf(CloudManagerError);
      const error = caught as CloudManagerError;
      expect(error.kind).toBe('invalid-id');
      expect(englishOf(error).message).toContain(what === 'org' ? 'organization id' : 'project id');
      expect(`${englishOf(error).message} ${englishOf(error).remedy}`).not.toContain(pasted);
    }
    expect(assertObjectId('5f1a2b3c4d5e6f7a8b9c0d1e', 'org')).toBe('5f1a2b3c4d5e6f7a8b9c0d1e');
  });
});
