// The Migrations tab's address with one org picked: built by the popup and a dashboard row, read by the settings page.
import { describe, expect, it } from 'vitest';
import { migrationsHref, migrationsOrgOf, tabOf } from '../../../src/ui/migrations-link';

const ORG = '5f1a2b3c4d5e6f7a8b9c0d1e';

describe('the Migrations tab link', () => {
  it('names the Migrations tab and the org, and reads back the org', () => {
    expect(migrationsHref(ORG)).toBe(`#migrations?org=${ORG}`);
    expect(tabOf(migrationsHref(ORG))).toBe('migrations');
    expect(migrationsOrgOf(migrationsHref(ORG))).toBe(ORG);
  });

  it('picks no org from another address or a malformed id', () => {
    expect(migrationsOrgOf('#migrations')).toBeUndefined();
    expect(migrationsOrgOf(`#report=${ORG}`)).toBeUndefined();
    expect(migrationsOrgOf('#migrations?org=<script>')).toBeUndefined();
    expect(tabOf('#orgs')).toBe('orgs');
    expect(tabOf('')).toBe('');
  });
});
