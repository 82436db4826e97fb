// The message catalogues are complete: every key the UI asks for exists in English and Korean, both catalogues
// hold the same keys with the same placeholders, and no UI file renders a literal sentence past t().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLOUD_MANAGER_ERROR_KINDS } from '../../../src/core/cloudmanager';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Catalogue;
const en = load('en');
const ko = load('ko');

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ending) : ending.test(name) ? [path] : [];
  });
}
const uiFiles = ['src/popup', 'src/options', 'src/ui'].flatMap((d) => files(d, /\.tsx?$/));

describe('message catalogues', () => {
  it('has every key the UI code asks for, in both locales', () => {
    const asked = new Set<string>();
    for (const file of uiFiles) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(20);
    const missing = [...asked].filter((k) => !en[k] || !ko[k]);
    expect(missing).toEqual([]);
  });

  it('has a message and a remedy for every error kind, in both locales', () => {
    const worker = readFileSync('src/shared/errors.ts', 'utf8');
    const kinds = [...CLOUD_MANAGER_ERROR_KINDS, ...[...worker.matchAll(/\| '([a-z-]+)'/g)].map((m) => m[1]!)];
    const keys = kinds.flatMap((k) => [`error_${k.replace(/-/g, '_')}`, `remedy_${k.replace(/-/g, '_')}`]);
    expect(keys.filter((k) => !en[k] || !ko[k])).toEqual([]);
  });

  it('holds the same keys and placeholders in English and Korean', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    for (const [key, entry] of Object.entries(en)) {
      const placeholders = Object.keys(entry.placeholders ?? {}).sort();
      expect({ key, placeholders: Object.keys(ko[key]?.placeholders ?? {}).sort() }).toEqual({ key, placeholders });
      for (const name of placeholders) expect(ko[key]!.message).toContain(`$${name.toUpperCase()}$`);
    }
  });

  it('finds no literal user-visible text in UI components', () => {
    const offenders: string[] = [];
    for (const file of uiFiles.filter((f) => f.endsWith('.tsx'))) {
      const code = readFileSync(file, 'utf8').replace(/\{\/\*[\s\S]*?\*\/\}/g, '');
      // Text between a closing '>' and the next '<' or '{' that contains a word of 2+ letters.
      for (const m of code.matchAll(/>([^<>{}]*[A-Za-z\uac00-\ud7a3]{2,}[^<>{}]*)</g)) {
        const text = m[1]!.trim();
        if (text && !/^[\s()=>&|!?:.,;+\-*/'"`[\]]*$/.test(text) && !/=>|&&|\|\||\) ?:/.test(text)) {
          offenders.push(`${file}: ${text}`);
        }
      }
      for (const m of code.matchAll(/\b(?:title|placeholder|aria-label|alt)="([^"]*[A-Za-z]{2,}[^"]*)"/g)) {
        offenders.push(`${file}: attribute "${m[1]}"`);
      }
    }
    expect(offenders).toEqual([]);
  });
});
