// An error's message for logs (error-summary.ts): its kind, then its variant and field when it has them; nothing
// else can reach it, so no parameter (a name, a server's words) is ever in a log line.
import { describe, expect, it } from 'vitest';
import { errorSummary } from '../../../../src/core/text/error-summary';

describe('errorSummary', () => {
  it('is the kind alone when there is nothing more', () => {
    expect(errorSummary('no-profile')).toBe('no-profile');
    expect(errorSummary('no-profile', undefined, undefined)).toBe('no-profile');
    expect(errorSummary('no-profile', '')).toBe('no-profile');
  });

  it('names the variant and the field after the kind, in that order, skipping a missing one', () => {
    expect(errorSummary('invalid-profile', 'too-long', 'label')).toBe('invalid-profile (too-long, label)');
    expect(errorSummary('invalid-backup', 'damaged')).toBe('invalid-backup (damaged)');
    expect(errorSummary('invalid-base-url', undefined, 'baseUrl')).toBe('invalid-base-url (baseUrl)');
  });
});
