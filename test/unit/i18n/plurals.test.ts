// Counted messages (#32 item 7): a number followed by a word that agrees with it has a singular sibling <key>_one in
// both catalogues, and the pages choose by Intl.PluralRules of the catalogue's language: "1 org added", "2 orgs
// added", "조직 1개". Every English message that shows a count is either counted or named here with why no word
// agrees with its number, so a new "$COUNT$ things" cannot slip in with "1 things".
import { readFileSync } from 'node:fs';
import { describe, expect, it, vi } from 'vitest';
import { messagesOf } from '../../support/catalogue';

const lookup = vi.hoisted(() => ({ locale: 'en' as 'en' | 'ko' }));
vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string, subs?: string | string[]) => messagesOf(lookup.locale)(key, subs) } },
}));

const { tn } = await import('../../../src/shared/text/counted');
const { pluralCategory } = await import('../../../src/shared/text/plural');
const { PLURAL_FORMS } = await import('../../../src/shared/text/counted');
const { errorWords } = await import('../../../src/shared/text/error-words');

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Catalogue;
const en = load('en');
const ko = load('ko');

// Placeholders that hold a number (names that may hold a name too, such as saved or existing, are left out).
const COUNTS = new Set(
  'count total shown checked failed skipped done added linked targeted valid invalid refused minutes hours days seconds max n'.split(
    ' ',
  ),
);
// Messages that show a number no word agrees with.
const NO_AGREEMENT: Record<string, string> = {
  passphraseHelp: 'the minimum length, a constant above 1',
  addressTooMany: 'a constant maximum above 1',
  importTooMany: 'a constant maximum above 1',
  dash_concurrencyHelp: '"1 to $MAX$"',
  checkedMinutesAgo: 'an abbreviation (min)',
  autoLockMinutes: 'an abbreviation (min)',
  dash_ageMinutes: 'an abbreviation (min)',
  dash_ageHours: 'an abbreviation (h)',
  badge_checkedHoursAgo: 'an abbreviation (h)',
  dash_ageDays: 'an abbreviation (d)',
  dash_refreshPaused: 'an abbreviation (s), "$COUNT$ at a time"',
  dashAtlas_runPaused: 'an abbreviation (s), "$COUNT$ at a time"',
  dash_refreshSlowed: '"$COUNT$ at a time (of $MAX$)"',
  dash_refreshShown: '"the $COUNT$ shown"',
  dash_refreshCounts: 'figures after a noun-free label',
  dash_refreshFinished: '"$CHECKED$ checked, $FAILED$ failed"',
  dash_refreshCancelled: '"$CHECKED$ checked, $FAILED$ failed"',
  dashAtlas_runSelected: '"the $COUNT$ selected"',
  dash_retryFailed: '"the $COUNT$ failed"',
  dashAtlas_selection: '"$COUNT$ selected"',
  dashAtlas_runCounts: 'figures after a noun-free label',
  migBatch_counts: 'figures after a noun-free label',
  migBatch_paused: 'an abbreviation (s), "$COUNT$ at a time"',
  migBatch_rateLimited: 'a figure after a noun-free label',
  dashAtlas_runFinished: '"$LINKED$ linked"',
  dashAtlas_runCancelled: '"$LINKED$ linked"',
  dashAtlas_previewSummary: 'each number after its label',
  dashBatch_summary: '"$ADD$ to add"',
  importProgress: '"$DONE$ of $TOTAL$ checked"',
  importStopped: '"$DONE$ of $TOTAL$ checked"',
  importChecked: '"All $TOTAL$ checked"',
  clientRenamed: '"key pairs renamed: $COUNT$"',
};

const placeholderNames = (key: string) => Object.keys(en[key]!.placeholders ?? {});
const isCounted = (key: string) => key.endsWith('_one') || `${key}_one` in en;

describe('counted messages', () => {
  it('counts in each catalogue language: English 1 is singular, Korean has one form', () => {
    expect([0, 1, 2, 21].map((n) => pluralCategory('en', n))).toEqual(['other', 'one', 'other', 'other']);
    expect([0, 1, 2].map((n) => pluralCategory('ko', n))).toEqual(['other', 'other', 'other']);
    expect([en.pluralLocale?.message, ko.pluralLocale?.message]).toEqual(['en', 'ko']);
  });

  it('has a singular form beside every message that shows a count, or a reason why no word agrees', () => {
    const uncounted = Object.keys(en).filter(
      (key) => placeholderNames(key).some((p) => COUNTS.has(p)) && !isCounted(key) && !(key in NO_AGREEMENT),
    );
    expect(uncounted).toEqual([]);
    expect(Object.keys(NO_AGREEMENT).filter(isCounted)).toEqual([]);
    expect(Object.values(en).filter((v) => /(?<!http)\(s\)/.test(v.message))).toEqual([]);
  });

  it('has both forms in both catalogues, with the same placeholders (save a count spelled out: once)', () => {
    const singulars = Object.keys(en).filter((key) => key.endsWith('_one'));
    expect(singulars.length).toBeGreaterThan(25);
    for (const one of singulars) {
      const other = one.slice(0, -'_one'.length);
      for (const catalogue of [en, ko]) {
        expect(catalogue[other]?.message, other).toBeTruthy();
        expect(catalogue[one]?.message, one).toBeTruthy();
      }
      if (/RateLimitedCount/.test(one)) expect(en[one]!.message).toMatch(/\bonce\b/);
      else expect(en[one]!.placeholders, one).toEqual(en[other]!.placeholders);
    }
    // The pages' table names every counted message outside the error texts (errorWords adds _one itself).
    const pageKeys = singulars.filter((k) => !/^(error|remedy)_/.test(k)).map((k) => k.slice(0, -'_one'.length));
    expect(Object.keys(PLURAL_FORMS).sort()).toEqual(pageKeys.sort());
  });

  it('picks "1 org added" and "2 orgs added" in English, "조직 1개" in Korean', () => {
    lookup.locale = 'en';
    expect(tn('dashBatch_done', 1, ['1', '0'])).toBe('1 org added, 0 not added.');
    expect(tn('dashBatch_done', 2, ['2', '1'])).toBe('2 orgs added, 1 not added.');
    expect(tn('dashBatch_done', 0, ['0', '3'])).toBe('0 orgs added, 3 not added.');
    expect(tn('boundOrgs', 1, '1')).toBe('1 organization');
    expect(tn('dash_exportCsv', 1, '1')).toBe('Export CSV (1 row)');
    expect(tn('dash_refreshRateLimitedCount', 1, '1')).toBe(
      'Cloud Manager asked to slow down once during this refresh.',
    );
    expect(tn('dash_refreshRateLimitedCount', 3, '3')).toBe(
      'Cloud Manager asked to slow down 3 times during this refresh.',
    );
    lookup.locale = 'ko';
    expect(tn('dashBatch_done', 1, ['1', '0'])).toBe('조직 1개를 추가했고, 0개는 추가하지 못했습니다.');
    expect(tn('backupPreviewTitle', 2, '2')).toBe('백업에 있는 키 쌍(2개):');
  });

  it('words an error that counts seconds in the singular for 1', () => {
    const remedy = (locale: 'en' | 'ko', seconds: string, variant?: string) =>
      errorWords({ kind: 'rate-limited', params: { seconds, ...(variant && { variant }) } }, messagesOf(locale)).remedy;
    expect(remedy('en', '1')).toMatch(/^Wait 1 second and try again/);
    expect(remedy('en', '30')).toMatch(/^Wait 30 seconds and try again/);
    expect(remedy('en', '1', 'atlas')).toMatch(/^Wait 1 second and try again; when making tokens/);
    expect(remedy('ko', '1')).toMatch(/^1초 기다린 후/);
  });
});
