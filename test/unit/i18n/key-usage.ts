// The keys the code asks the catalogue for, read from the source (catalogue.test.ts): the literal first argument of
// every t() call and the literals of every table typed by MessageKey (`Record<…, MessageKey>`, `[…, MessageKey][]`),
// and every t() call whose key the scan cannot read (a template literal, a concatenation, a cast, a call).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { posix } from 'node:path';
import ts from 'typescript';

export interface KeyUsage {
  /** Keys asked for by a literal in a t() call. */
  asked: Set<string>;
  /** The literal values of MessageKey tables (a tuple table's other values too: match them against the catalogue). */
  tabled: Set<string>;
  /** `file:line: t(<argument>)` for each t() call whose key is neither a literal nor a typed value. */
  unreadable: string[];
}

/** Repo-relative path → source text of every .ts/.tsx file under the folders. */
export function readSources(...dirs: string[]): Record<string, string> {
  const walk = (dir: string): string[] =>
    readdirSync(dir).flatMap((name) => {
      const path = posix.join(dir, name);
      return statSync(path).isDirectory() ? walk(path) : /\.tsx?$/.test(name) ? [path] : [];
    });
  return Object.fromEntries(dirs.flatMap(walk).map((path) => [path, readFileSync(path, 'utf8')]));
}

/** Whether the file imports t from the i18n module (so a call of `t` there is a catalogue lookup). */
function importsT(source: ts.SourceFile): boolean {
  return source.statements.some(
    (s) =>
      ts.isImportDeclaration(s) &&
      ts.isStringLiteral(s.moduleSpecifier) &&
      /\/text\/i18n(\.ts)?$/.test(s.moduleSpecifier.text) &&
      s.importClause?.namedBindings !== undefined &&
      ts.isNamedImports(s.importClause.namedBindings) &&
      s.importClause.namedBindings.elements.some((e) => e.name.text === 't'),
  );
}

/**
 * The literal keys a t() argument can be, or null when the scan cannot read it. A name, a property or a table
 * lookup (`KEYS[op]`) is a value the compiler has checked is a MessageKey; a template literal, `+`, a cast or a call
 * would hide the key from this scan.
 */
function keysOf(node: ts.Expression): string[] | null {
  if (ts.isStringLiteral(node)) return [node.text];
  if (ts.isParenthesizedExpression(node)) return keysOf(node.expression);
  if (ts.isConditionalExpression(node)) {
    const [a, b] = [keysOf(node.whenTrue), keysOf(node.whenFalse)];
    return a && b ? [...a, ...b] : null;
  }
  if (ts.isIdentifier(node) || ts.isPropertyAccessExpression(node)) return [];
  if (ts.isElementAccessExpression(node)) {
    const index = node.argumentExpression;
    return ts.isIdentifier(node.expression) && (ts.isIdentifier(index) || ts.isPropertyAccessExpression(index))
      ? []
      : null;
  }
  return null;
}

/** The initializer of a variable typed with MessageKey in its annotation: a table of keys. */
const keyTable = (node: ts.Node, source: ts.SourceFile) =>
  ts.isVariableDeclaration(node) && node.type && /\bMessageKey\b/.test(node.type.getText(source))
    ? node.initializer
    : undefined;

/** A value in a table, not a quoted property name (`'looks-swapped': 'warning_looks_swapped'`). */
const isValue = (node: ts.StringLiteral) => !(ts.isPropertyAssignment(node.parent) && node.parent.name === node);

/** `exempt`: files whose t() calls are not checked (their keys are checked another way). */
export function keyUsage(files: Record<string, string>, exempt: (file: string) => boolean = () => false): KeyUsage {
  const asked = new Set<string>();
  const tabled = new Set<string>();
  const unreadable: string[] = [];
  for (const [file, text] of Object.entries(files)) {
    const kind = file.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
    const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true, kind);
    const callsT = importsT(source) && !exempt(file);
    const visit = (node: ts.Node, inTable: boolean) => {
      if (inTable && ts.isStringLiteral(node) && isValue(node)) tabled.add(node.text);
      if (callsT && ts.isCallExpression(node) && ts.isIdentifier(node.expression) && node.expression.text === 't') {
        const [first] = node.arguments;
        const found = first ? keysOf(first) : null;
        if (found) for (const key of found) asked.add(key);
        else {
          const line = source.getLineAndCharacterOfPosition(node.getStart(source)).line + 1;
          unreadable.push(`${file}:${line}: t(${first?.getText(source) ?? ''})`);
        }
      }
      ts.forEachChild(node, (child) => visit(child, inTable || child === keyTable(node, source)));
    };
    visit(source, false);
  }
  return { asked, tabled, unreadable };
}
