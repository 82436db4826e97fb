// Reads the Atlas targets CSV a consultant pastes or picks: one `cloudManagerOrgId,atlasOrgId` per line, a header line
// optional, read as every dashboard CSV is (csv-lines.ts). Pure: every non-blank line is either a target or an
// invalid line with why, each with its text for the preview.
import { isObjectId } from '../../core/cloudmanager';
import { readCsvLines } from './csv-lines';

export type CsvLineProblem = 'columns' | 'bad-org-id' | 'bad-atlas-id';

export interface CsvTarget {
  /** 1-based line number in the text. */
  line: number;
  /** The line as pasted. */
  text: string;
  orgId: string;
  atlasOrgId: string;
}

export interface CsvBadLine {
  line: number;
  text: string;
  problem: CsvLineProblem;
}

export interface ParsedTargets {
  targets: CsvTarget[];
  invalid: CsvBadLine[];
}

const HEADER_CELLS = new Set(['cloudmanagerorgid', 'cloudmanagerorganizationid', 'orgid', 'organizationid']);

function lineProblem(cells: readonly string[]): CsvLineProblem | undefined {
  if (cells.length !== 2) return 'columns';
  if (!isObjectId(cells[0]!.toLowerCase())) return 'bad-org-id';
  if (!isObjectId(cells[1]!.toLowerCase())) return 'bad-atlas-id';
  return undefined;
}

export function parseTargetCsv(text: string): ParsedTargets {
  const targets: CsvTarget[] = [];
  const invalid: CsvBadLine[] = [];
  for (const { line, text: lineText, cells } of readCsvLines(text, HEADER_CELLS)) {
    const problem = lineProblem(cells);
    if (problem) invalid.push({ line, text: lineText, problem });
    else targets.push({ line, text: lineText, orgId: cells[0]!.toLowerCase(), atlasOrgId: cells[1]!.toLowerCase() });
  }
  return { targets, invalid };
}
