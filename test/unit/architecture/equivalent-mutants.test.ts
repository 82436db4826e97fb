// Equivalent mutants (issue 18) are marked in src/ with `// Stryker disable next-line <Mutator>: <why>`. Each
// mark must name real Stryker mutators and say why in words; a
// block disable (`// Stryker disable <Mutator>: <why>` … `// Stryker restore <Mutator>`) must be closed within ten
// lines: a file-wide disable would silently hide mutants that tests could kill.
import { describe, expect, it } from 'vitest';
import { read } from './import-rules';

const MUTATORS = new Set([
  'all',
  'ArithmeticOperator',
  'ArrayDeclaration',
  'ArrowFunction',
  'AssignmentOperator',
  'BlockStatement',
  'BooleanLiteral',
  'ConditionalExpression',
  'EqualityOperator',
  'LogicalOperator',
  'MethodExpression',
  'ObjectLiteral',
  'OptionalChaining',
  'Regex',
  'StringLiteral',
  'UnaryOperator',
  'UpdateOperator',
]);

const MARK = /\/\/\s*Stryker\s+(\w[\w-]*)(.*)$/;

function badMarks(files: Record<string, string>): string[] {
  const bad: string[] = [];
  for (const [path, text] of Object.entries(files)) {
    const lines = text.split('\n');
    for (const [i, line] of lines.entries()) {
      const found = MARK.exec(line);
      if (!found) continue;
      const where = `${path}:${i + 1}`;
      const [, verb, rest = ''] = found;
      if (verb === 'restore') continue;
      const parsed = /^\s+(next-line\s+)?([\w,]+):\s*(.+)$/.exec(rest);
      if (verb !== 'disable' || !parsed) {
        bad.push(`${where}: not "disable [next-line] <Mutator>: <why>"`);
        continue;
      }
      const [, nextLine, mutators = '', reason = ''] = parsed;
      const restored = lines.slice(i + 1, i + 11).some((l) => l.includes(`Stryker restore ${mutators}`));
      if (!nextLine && !restored) bad.push(`${where}: a block disable not restored within ten lines`);
      const unknown = mutators.split(',').filter((m) => !MUTATORS.has(m));
      if (unknown.length > 0) bad.push(`${where}: unknown mutator ${unknown.join(', ')}`);
      if (reason.trim().split(/\s+/).length < 5) bad.push(`${where}: the reason is not a sentence`);
    }
  }
  return bad;
}

describe('equivalent-mutant marks in src/', () => {
  it('each names known mutators and says why, and a block is closed', () => expect(badMarks(read('src'))).toEqual([]));

  it('refuses a mark without a reason, an unknown mutator, a short reason and an open block', () => {
    const files = {
      'src/a.ts': '// Stryker disable all\nx();\n// Stryker restore all',
      'src/e.ts': '// Stryker disable all: the whole file is wired by hand and never changes\nx();',
      'src/f.ts':
        '// Stryker disable BooleanLiteral: borrowed is never read on this path\nx();\n// Stryker restore BooleanLiteral',
      'src/b.ts': '// Stryker disable next-line Conditional: the guard only narrows the type here',
      'src/c.ts': '// Stryker disable next-line StringLiteral: same',
      'src/d.ts': '// Stryker disable next-line EqualityOperator,StringLiteral: the length is never zero at this point',
    };
    expect(badMarks(files)).toEqual([
      'src/a.ts:1: not "disable [next-line] <Mutator>: <why>"',
      'src/e.ts:1: a block disable not restored within ten lines',
      'src/b.ts:1: unknown mutator Conditional',
      'src/c.ts:1: the reason is not a sentence',
    ]);
  });
});
