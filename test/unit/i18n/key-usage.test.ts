// The scan behind the catalogue test reads the keys t() asks for and flags every key it cannot read.
// biome-ignore-all lint/suspicious/noTemplateCurlyInString: the fixtures are source text holding template literals
import { describe, expect, it } from 'vitest';
import { keyUsage } from './key-usage';

const withT = (body: string) => `import { type MessageKey, t } from '../shared/text/i18n';\n${body}`;

describe('keyUsage', () => {
  it('reads literal keys, both sides of a choice, and the values of MessageKey tables', () => {
    const usage = keyUsage({
      'src/a.tsx': withT(
        [
          "const BUSY: Record<'link' | 'unlink', MessageKey> = { link: 'busy_link', 'unlink': 'busy_unlink' };",
          "const CHOICES: [string, MessageKey][] = [['keep-both', 'keepBoth']];",
          "const other = { x: 'notAKey' };",
          "t('plain'); t(ok ? 'yes' : 'no', 'sub'); t(BUSY[op]); t(key); t(props.key);",
        ].join('\n'),
      ),
    });
    expect([...usage.asked].sort()).toEqual(['no', 'plain', 'yes']);
    expect([...usage.tabled].sort()).toEqual(['busy_link', 'busy_unlink', 'keep-both', 'keepBoth']);
    expect(usage.unreadable).toEqual([]);
  });

  it('flags a template literal, a concatenation, a cast and a call, with file and line', () => {
    const usage = keyUsage({
      'src/b.ts': withT(
        ['t(`busy_${op}`);', "t('status_' + s);", 't(key as never);', 't(keyOf(op));', 't(`plain`);'].join('\n'),
      ),
    });
    expect(usage.unreadable).toEqual([
      'src/b.ts:2: t(`busy_${op}`)',
      "src/b.ts:3: t('status_' + s)",
      'src/b.ts:4: t(key as never)',
      'src/b.ts:5: t(keyOf(op))',
      'src/b.ts:6: t(`plain`)',
    ]);
  });

  it('checks only files that import t from the i18n module, and not the exempt ones', () => {
    const files = {
      'src/c.ts': 'const t = (s: string) => s;\nt(`local_${x}`);',
      'src/d.ts': withT('t(`made_${x}`);'),
    };
    expect(keyUsage(files, (f) => f === 'src/d.ts').unreadable).toEqual([]);
  });
});
