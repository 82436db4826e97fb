// answer-sources.ts and SANDBOX_MODES written out as markdown, for docs/sandbox-answers.md; a unit test checks the
// doc holds exactly this text, so the doc cannot drift from the table the code uses.
// Regenerate: npx tsx -e "import('./sandbox/answer-table-markdown.ts').then((m) => console.log(m.answerTableMarkdown()))"
import { ANSWER_SOURCES, type AnswerSource } from './answer-sources';
import { SANDBOX_MODES } from './modes';

const cell = (text: string) => text.replaceAll('|', '\\|');

function sourceCell(source: AnswerSource): string {
  if (source.kind === 'recorded') {
    const file = source.path.split('/').slice(-2).join('/');
    return `recorded: ${source.repo} \`${file}\` (${source.commit.slice(0, 8)}, ${source.date})`;
  }
  return source.kind === 'documented' ? `documented: ${source.where}` : `assumed: ${source.why}`;
}

export function answerTableMarkdown(): string {
  const lines = [
    '| side | status | errorCode | situation | mode | source |',
    '|---|---|---|---|---|---|',
    ...ANSWER_SOURCES.map((r) =>
      [r.sides.join(', '), String(r.status), r.errorCode ?? '', r.situation, r.mode ?? '', sourceCell(r.source)]
        .map(cell)
        .join(' | '),
    ).map((row) => `| ${row} |`),
    '',
    '| mode | options | what it plays |',
    '|---|---|---|',
    ...SANDBOX_MODES.map((m) => `| ${m.name} | \`${JSON.stringify(m.options)}\` | ${cell(m.about)} |`),
  ];
  return lines.join('\n');
}

/** The full path of each recording the table cites, for the doc's list of sources. */
export function recordedPaths(): string[] {
  const paths = ANSWER_SOURCES.flatMap((r) => (r.source.kind === 'recorded' ? [r.source.path] : []));
  return [...new Set(paths)];
}
