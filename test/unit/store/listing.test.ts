// The store listings in docs/store/ (issue 15): English and Korean say the same things in the same order, the
// summary is the manifest's description in each language (what the Chrome Web Store shows, 132 characters at
// most), every manifest permission is justified, and every screenshot they name is a committed 1280×800 PNG.
import { existsSync, readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { pngSize } from './png';

const LANGUAGES = ['en', 'ko'] as const;
const manifest = JSON.parse(readFileSync('manifest.json', 'utf8')) as {
  permissions?: string[];
  host_permissions?: string[];
  optional_host_permissions?: string[];
};
const listing = (lang: string) => readFileSync(`docs/store/listing.${lang}.md`, 'utf8');
const message = (lang: string, key: string): string =>
  JSON.parse(readFileSync(`public/_locales/${lang}/messages.json`, 'utf8'))[key].message;

/** The `## ` sections of a listing, in order: [heading, body]. */
const sections = (text: string): [string, string][] =>
  text
    .split(/^## /m)
    .slice(1)
    .map((part) => {
      const newline = part.indexOf('\n');
      return [part.slice(0, newline).trim(), part.slice(newline + 1).trim()];
    });

describe.each(LANGUAGES)('the %s listing', (lang) => {
  const parts = sections(listing(lang));

  test('has the sections of the English one, in the same order', () => {
    expect(parts).toHaveLength(sections(listing('en')).length);
  });

  test("names the extension as the manifest does, and its summary is the manifest's description (≤ 132)", () => {
    expect(parts[0]![1]).toBe(message(lang, 'extName'));
    const summary = parts[1]![1].split('\n\n').at(-1)!;
    expect(summary).toBe(message(lang, 'extDescription'));
    expect([...summary].length).toBeLessThanOrEqual(132);
  });

  test('justifies every permission of the manifest, and no other', () => {
    const justified = [...listing(lang).matchAll(/^- `([^`]+)`/gm)].map((m) => m[1]!);
    const declared = [
      ...(manifest.permissions ?? []),
      ...(manifest.host_permissions ?? []),
      ...(manifest.optional_host_permissions ?? []),
    ];
    expect(justified.sort()).toEqual(declared.sort());
  });

  test('names screenshots that are committed 1280×800 PNGs', () => {
    const shots = [...listing(lang).matchAll(/`([\w-]+\.png)`/g)].map((m) => m[1]!);
    expect(shots).toEqual(['popup-linked.png', 'popup-error.png', 'dashboard.png']);
    for (const shot of shots) {
      expect(existsSync(`docs/store/${shot}`), shot).toBe(true);
      expect(pngSize(readFileSync(`docs/store/${shot}`)), shot).toEqual({ width: 1280, height: 800 });
    }
  });

  test('links the privacy policy', () => {
    expect(listing(lang)).toContain('(../../PRIVACY.md)');
  });
});

test('the Korean listing is in Korean (a section body with no Hangul is an untranslated copy)', () => {
  const untranslated = sections(listing('ko')).filter(
    ([heading, body], i) => i > 0 && !/[가-힣]/.test(`${heading}${body}`),
  );
  expect(untranslated.map(([heading]) => heading)).toEqual([]);
});
