// The import rules of issue 13 (Build 5), run on src/ and sandbox/: each rule names the file and the import that
// breaks it. The walker's own tests below feed each rule a small in-memory tree with one violation.
import { describe, expect, it } from 'vitest';
import { type Files, importsOf, MAX_LINES, read, rules } from './import-rules';

describe('import rules (src/ and sandbox/)', () => {
  const tree = { ...read('src'), ...read('sandbox') };

  it('walks the tree', () => {
    expect(Object.keys(tree).length).toBeGreaterThan(100);
    expect(importsOf(tree).length).toBeGreaterThan(200);
  });
  it('core/ uses no browser API', () => expect(rules.coreUsesNoBrowser(tree)).toEqual([]));
  it('core/ imports only core/ and packages other than webextension-polyfill and preact', () =>
    expect(rules.coreImportsOnlyCore(tree)).toEqual([]));
  it('no page folder imports another page folder', () => expect(rules.noPageImportsAnotherPage(tree)).toEqual([]));
  it('the worker imports nothing from ui/, popup/ or options/', () =>
    expect(rules.workerImportsNoPageCode(tree)).toEqual([]));
  it('sandbox/ does not import src/core/digest', () => expect(rules.sandboxOwnsItsDigest(tree)).toEqual([]));
  it('has no import cycle', () => expect(rules.noCycles(tree)).toEqual([]));
  it(`has no file in src/ over ${MAX_LINES} lines`, () => expect(rules.noLongFiles(tree)).toEqual([]));
});

describe('the import walker', () => {
  it('finds every kind of import, skips comments and strings, and resolves .ts, .tsx and index.ts', () => {
    const files: Files = {
      'src/a.ts': [
        "// import x from './commented';",
        "import type { B } from './b';",
        "import {\n  c,\n} from './c';",
        "export * from './lib';",
        "export { d } from 'pkg/d';",
        'const s = "import z from \'./string\'";',
        "const e = () => import('./b');",
        "import './style.css';",
      ].join('\n'),
      'src/b.ts': '',
      'src/c.tsx': '',
      'src/lib/index.ts': '',
    };
    expect(importsOf(files).map((e) => `${e.spec} → ${e.to}`)).toEqual([
      './b → src/b.ts',
      './c → src/c.tsx',
      './lib → src/lib/index.ts',
      'pkg/d → null',
      './b → src/b.ts',
      './style.css → src/style.css',
    ]);
  });

  it('catches core/ using the browser, and not in comments, strings or member names', () => {
    const files: Files = {
      'src/core/x.ts': 'export const id = chrome.runtime.id;\nconst d = globalThis.document;',
      'src/core/y.ts': "// chrome.storage\nconst s = 'window';\nconst o = { window: 1, document: 2 };\no.window;",
      'src/core/z.ts': "import browser from 'webextension-polyfill';",
    };
    expect(rules.coreUsesNoBrowser(files)).toEqual([
      'src/core/x.ts:1 uses chrome',
      'src/core/x.ts:2 uses document',
      'src/core/z.ts:1 uses browser',
      "src/core/z.ts imports 'webextension-polyfill'",
    ]);
  });

  it('catches core/ importing outside core/ or a forbidden package', () => {
    const files: Files = {
      'src/core/a.ts': "import { b } from '../shared/b';\nimport h from 'preact/hooks';\nimport c from 'crypto-js';",
      'src/core/b/index.ts': "import { a } from '../a';",
      'src/shared/b.ts': '',
    };
    expect(rules.coreImportsOnlyCore(files)).toEqual([
      "src/core/a.ts imports '../shared/b'",
      "src/core/a.ts imports 'preact/hooks'",
    ]);
  });

  it('catches a page importing another page, the worker importing page code, the sandbox importing Digest', () => {
    const files: Files = {
      'src/options/dashboard/D.tsx': "import { U } from '../../popup/U';\nimport { T } from '../../ui/T';",
      'src/popup/U.tsx': "import { T } from '../ui/T';",
      'src/ui/T.tsx': '',
      'src/background/i18n.ts': "import { t } from '../ui/T';",
      'sandbox/verify.ts': "import { h } from '../src/core/digest';\nimport { k } from '../src/core/vault';",
      'src/core/digest/index.ts': '',
      'src/core/vault/index.ts': '',
    };
    expect(rules.noPageImportsAnotherPage(files)).toEqual(["src/options/dashboard/D.tsx imports '../../popup/U'"]);
    expect(rules.workerImportsNoPageCode(files)).toEqual(["src/background/i18n.ts imports '../ui/T'"]);
    expect(rules.sandboxOwnsItsDigest(files)).toEqual(["sandbox/verify.ts imports '../src/core/digest'"]);
  });

  it('reports each cycle as a chain, type-only imports included', () => {
    const files: Files = {
      'src/a.ts': "import type { B } from './b';",
      'src/b.ts': "import { c } from './c';",
      'src/c.ts': "export type { A } from './a';",
      'src/d.ts': "import { a } from './a';\nimport { d } from './d';",
    };
    expect(rules.noCycles(files)).toEqual(['src/a.ts → src/b.ts → src/c.ts → src/a.ts', 'src/d.ts → src/d.ts']);
  });

  it('catches a src/ file over the line limit', () => {
    const files: Files = { 'src/long.ts': 'x;\n'.repeat(MAX_LINES + 1), 'src/ok.ts': 'x;\n'.repeat(MAX_LINES) };
    expect(rules.noLongFiles(files)).toEqual([`src/long.ts has ${MAX_LINES + 1} lines`]);
  });
});
