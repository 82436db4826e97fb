// Which Atlas orgs a row may target, and what a CSV import would do, decided without the DOM: a row's client is its
// Cloud Manager key pair's label, and its Atlas orgs are those of the client's Atlas key pairs (same label). The
// worker checks every target again; the preview only keeps the user from sending what it would refuse.
import { atlasOrgsOfClient } from '../../core/vault';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import type { CsvLineProblem, ParsedTargets } from './target-csv';

export { atlasOrgsOfClient } from '../../core/vault';

export interface AtlasOrgChoice {
  id: string;
  name: string;
}

export type TargetProblem = CsvLineProblem | 'not-listed' | 'no-client' | 'no-atlas-key-pair' | 'duplicate';

export interface PlannedTarget {
  line: number;
  orgId: string;
  orgName?: string;
  atlasOrgId: string;
  atlasName: string;
  /** The row's target before the import, when it differs. */
  previous?: string;
}

export interface RejectedLine {
  line: number;
  /** The line as pasted, shown beside why it is refused. */
  text: string;
  problem: TargetProblem;
  /** no-atlas-key-pair: the row's client. */
  client?: string;
  /** duplicate: the earlier line that sets this org. */
  firstLine?: number;
}

export interface TargetImportPlan {
  targets: PlannedTarget[];
  /** In line order. */
  rejected: RejectedLine[];
}

export function planTargetImport(
  parsed: ParsedTargets,
  rows: readonly DashboardRow[],
  profiles: readonly ProfileView[],
): TargetImportPlan {
  const rowOf = new Map(rows.map((row) => [row.orgId, row]));
  const firstLineOf = new Map<string, number>();
  const targets: PlannedTarget[] = [];
  const rejected: RejectedLine[] = parsed.invalid.map(({ line, text, problem }) => ({ line, text, problem }));
  for (const { line, text, orgId, atlasOrgId } of parsed.targets) {
    const row = rowOf.get(orgId);
    const firstLine = firstLineOf.get(orgId);
    if (firstLine !== undefined) {
      rejected.push({ line, text, problem: 'duplicate', firstLine });
      continue;
    }
    if (!row) {
      rejected.push({ line, text, problem: 'not-listed' });
      continue;
    }
    if (row.profileLabel === undefined) {
      rejected.push({ line, text, problem: 'no-client' });
      continue;
    }
    const atlas = atlasOrgsOfClient(profiles, row.profileLabel).find((o) => o.id === atlasOrgId);
    if (!atlas) {
      rejected.push({ line, text, problem: 'no-atlas-key-pair', client: row.profileLabel });
      continue;
    }
    // Only a line that sets the org makes a later one a repeat: an invalid first try does not.
    firstLineOf.set(orgId, line);
    const planned: PlannedTarget = { line, orgId, atlasOrgId, atlasName: atlas.name };
    if (row.name) planned.orgName = row.name;
    if (row.atlasOrgId && row.atlasOrgId !== atlasOrgId) planned.previous = row.atlasOrgId;
    targets.push(planned);
  }
  rejected.sort((a, b) => a.line - b.line);
  return { targets, rejected };
}
