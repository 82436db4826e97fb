// The message catalogue is complete and lean: every key the code asks for exists, every key is asked for (save the
// error texts, looked up by kind), every t() names its key so this scan sees it, every error kind has a message and a
// remedy, English and Korean hold the same keys with the same placeholders, and no UI file renders a literal
// sentence past t().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLOUD_MANAGER_ERROR_KINDS } from '../../../src/core/cloudmanager';
import { keyUsage, readSources } from './key-usage';

type Catalogue = Record<string, { message: string; placeholders?: Record<string, { content: string }> }>;
const load = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Catalogue;
const en = load('en');
const ko = load('ko');
const locales = { en, ko };
const placeholdersOf = (text: string) => [...new Set(text.match(/\$[A-Z_]+\$/g) ?? [])].sort();

function files(dir: string, ending: RegExp): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? files(path, ending) : ending.test(name) ? [path] : [];
  });
}
const uiFiles = ['src/popup', 'src/options', 'src/ui'].flatMap((d) => files(d, /\.tsx?$/));

// error-text.ts looks error_<kind> and remedy_<kind> up by the error's kind (checked per kind below), so its t() is
// the one call whose key is made at run time.
const BY_ERROR_KIND = 'src/shared/text/error-text.ts';
const isErrorText = (key: string) => /^(error|remedy)_/.test(key);
const usage = keyUsage(readSources('src'), (file) => file === BY_ERROR_KIND);
// The manifest's name, description and button title (__MSG_key__), read by the browser itself.
const manifestKeys = [...readFileSync('manifest.json', 'utf8').matchAll(/__MSG_(\w+)__/g)].map((m) => m[1]!);

describe('message catalogues', () => {
  it('has every key the code asks for, in every locale', () => {
    const asked = [...usage.asked, ...[...usage.tabled].filter((k) => k in en), ...manifestKeys];
    expect(usage.asked.size).toBeGreaterThan(150);
    const missing = asked.filter((k) => Object.values(locales).some((c) => !c[k]));
    expect(missing).toEqual([]);
  });

  it('asks for every key by a literal or a value typed MessageKey: no template literal, concatenation or cast', () => {
    // A key chosen by a value comes from a typed table (`Record<Operation, MessageKey>`), whose literals count.
    expect(usage.unreadable).toEqual([]);
  });

  it('holds no key the code never asks for (error texts aside: error-text.ts looks them up by kind)', () => {
    const used = new Set([...usage.asked, ...usage.tabled, ...manifestKeys]);
    expect(Object.keys(en).filter((k) => !used.has(k) && !isErrorText(k))).toEqual([]);
  });

  it('has a message and a remedy for every error kind, in every locale', () => {
    const worker = readFileSync('src/shared/errors.ts', 'utf8');
    const kinds = [...CLOUD_MANAGER_ERROR_KINDS, ...[...worker.matchAll(/\| '([a-z-]+)'/g)].map((m) => m[1]!)];
    const keys = kinds.flatMap((k) => [`error_${k.replace(/-/g, '_')}`, `remedy_${k.replace(/-/g, '_')}`]);
    expect(keys.filter((k) => Object.values(locales).some((c) => !c[k]))).toEqual([]);
  });

  it('has the same keys in English and Korean, each with the same placeholders', () => {
    expect(Object.keys(ko).sort()).toEqual(Object.keys(en).sort());
    const differ = Object.keys(en).filter(
      (k) =>
        JSON.stringify(placeholdersOf(en[k]!.message)) !== JSON.stringify(placeholdersOf(ko[k]?.message ?? '')) ||
        JSON.stringify(en[k]!.placeholders ?? {}) !== JSON.stringify(ko[k]?.placeholders ?? {}),
    );
    expect(differ).toEqual([]);
  });

  it('has Korean text in the Korean catalogue, not English left in place', () => {
    // Product names and Cloud Manager menu paths stay English; every message still carries Hangul, save the few
    // that are only a name or a placeholder arrangement.
    const namesOnly = new Set([
      'extName',
      'pluralLocale',
      'popupTitle',
      'dash_orgInputPlaceholder',
      'dash_lastActionDone',
      'dash_rowChecked',
    ]);
    const english = Object.entries(ko)
      .filter(([k, v]) => !namesOnly.has(k) && !/\p{Script=Hangul}/u.test(v.message))
      .map(([k]) => k);
    expect(english).toEqual([]);
  });

  it('writes Korean particles as a Korean writer would: no 이(가)-style pairs, a fixed noun before the particle', () => {
    // A particle after a name depends on the name's last sound; "조직 $ORG$에" or "$ORG$ 조직을" reads naturally.
    const pairs = /이\(가\)|가\(이\)|을\(를\)|를\(을\)|은\(는\)|는\(은\)|와\(과\)|과\(와\)|\(으\)로/;
    expect(
      Object.entries(ko)
        .filter(([, v]) => pairs.test(v.message))
        .map(([k]) => k),
    ).toEqual([]);
  });

  it('finds no literal user-visible text in UI components', () => {
    const offenders: string[] = [];
    for (const file of uiFiles.filter((f) => f.endsWith('.tsx'))) {
      const source = ts.createSourceFile(
        file,
        readFileSync(file, 'utf8'),
        ts.ScriptTarget.Latest,
        true,
        ts.ScriptKind.TSX,
      );
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && /\p{L}{2,}/u.test(node.text)) offenders.push(`${file}: text "${node.text.trim()}"`);
        if (
          ts.isJsxAttribute(node) &&
          /^(title|placeholder|aria-label|alt|label)$/.test(node.name.getText(source)) &&
          node.initializer &&
          ts.isStringLiteral(node.initializer) &&
          /\p{L}{2,}/u.test(node.initializer.text)
        ) {
          offenders.push(`${file}: ${node.name.getText(source)}="${node.initializer.text}"`);
        }
        ts.forEachChild(node, visit);
      };
      visit(source);
    }
    expect(offenders).toEqual([]);
  });
});
