// The message catalogue is complete: every key the UI asks for exists, every error kind has a message and a
// remedy, English and Korean hold the same keys with the same placeholders, and no UI file renders a literal
// sentence past t().
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { CLOUD_MANAGER_ERROR_KINDS } from '../../../src/core/cloudmanager';

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

describe('message catalogues', () => {
  it('has every key the UI code asks for, in every locale', () => {
    const asked = new Set<string>();
    for (const file of uiFiles) {
      for (const m of readFileSync(file, 'utf8').matchAll(/\bt\(\s*'([A-Za-z0-9_]+)'/g)) asked.add(m[1]!);
    }
    expect(asked.size).toBeGreaterThan(20);
    const missing = [...asked].filter((k) => Object.values(locales).some((c) => !c[k]));
    expect(missing).toEqual([]);
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
