// Plans adding many orgs at once from pasted text, decided without the DOM: one org id or page address per line, or
// a CSV `orgId,client[,atlasOrgId]` (header optional; read as every dashboard CSV is, csv-lines.ts). Every
// non-blank line is to be added, already there (a row of the table or an earlier line) or invalid with why. The
// client is a key pair label: of that client's Cloud Manager / Ops Manager key pairs, the one that serves the org
// (its own org's key first). The worker checks every entry again; the preview only shows what would happen.
import { isObjectId, parseUiUrl } from '../../core/cloudmanager';
import { sameLabel } from '../../core/vault';
import type { DashboardRow } from '../../shared/dashboard-messages';
import type { ProfileView } from '../../shared/domain';
import { atlasOrgsOfClient } from './atlas-targets';
import { readCsvLines } from './csv-lines';
import { cloudManagerProfiles, mayServe } from './serving-profiles';

/** The most orgs one batch adds (the worker's limit too). */
export const MAX_BATCH = 1000;

export type BatchProblem =
  | 'columns'
  | 'not-an-org'
  | 'bad-atlas-id'
  | 'unknown-client'
  | 'client-not-serving'
  | 'target-without-client'
  | 'no-atlas-key-pair'
  | 'too-many';

export interface BatchAdd {
  /** 1-based line number in the text. */
  line: number;
  /** What the worker is given: the org id, or the page address as pasted. */
  input: string;
  /** Known from an id or an org page; a project page's org is found when it is added. */
  orgId?: string;
  profileId?: string;
  client?: string;
  atlasOrgId?: string;
}

export interface BatchExisting {
  line: number;
  orgId?: string;
  /** The earlier line that adds it; absent when it is a row of the table already. */
  firstLine?: number;
}

export interface BatchInvalid {
  line: number;
  /** The line as pasted, shown beside why it is refused. */
  text: string;
  problem: BatchProblem;
  /** unknown-client, client-not-serving, no-atlas-key-pair: the client named. */
  client?: string;
}

export interface BatchPlan {
  add: BatchAdd[];
  existing: BatchExisting[];
  invalid: BatchInvalid[];
}

const HEADER_CELLS = new Set(['orgid', 'organizationid', 'cloudmanagerorgid', 'cloudmanagerorganizationid', 'org']);

function originOf(text: string): string | undefined {
  try {
    return new URL(text).origin;
  } catch {
    return undefined;
  }
}

/** The org an id or page address names: `key` tells repeats apart (the org, or a project page's project). */
function orgOf(text: string): { orgId?: string; base?: string; key: string } | undefined {
  if (isObjectId(text.toLowerCase())) return { orgId: text.toLowerCase(), key: text.toLowerCase() };
  const origin = originOf(text);
  const found = origin ? parseUiUrl(text, [origin]) : null;
  if (!found) return undefined;
  if (found.kind === 'org') return { orgId: found.orgId, base: found.base, key: found.orgId };
  return { base: found.base, key: `${found.base} ${found.groupId}` };
}

type ClientChoice = { profileId: string } | { problem: BatchProblem };

function clientFor(profiles: readonly ProfileView[], label: string, orgId?: string, base?: string): ClientChoice {
  const ofClient = cloudManagerProfiles(profiles).filter((p) => sameLabel(p.label, label));
  if (ofClient.length === 0) return { problem: 'unknown-client' };
  // A project page's org is not known yet: the worker finds it with the client's key pair, and refuses a wrong one.
  if (orgId === undefined) return { profileId: ofClient[0]!.id };
  const serving = ofClient.filter((p) => mayServe(p, { orgId, base }));
  const chosen = serving.find((p) => p.org?.id === orgId) ?? serving[0];
  return chosen ? { profileId: chosen.id } : { problem: 'client-not-serving' };
}

export function planOrgBatch(text: string, rows: readonly DashboardRow[], profiles: readonly ProfileView[]): BatchPlan {
  const listed = new Set(rows.map((row) => row.orgId));
  const firstLineOf = new Map<string, number>();
  const plan: BatchPlan = { add: [], existing: [], invalid: [] };
  for (const { line, text: lineText, cells } of readCsvLines(text, HEADER_CELLS)) {
    const bad = (problem: BatchProblem, client?: string) =>
      plan.invalid.push(
        client === undefined ? { line, text: lineText, problem } : { line, text: lineText, problem, client },
      );
    if (cells.length === 0 || cells.length > 3) {
      bad('columns');
      continue;
    }
    const [input, client = '', atlas = ''] = cells as [string, string?, string?];
    const org = orgOf(input);
    if (!org) {
      bad('not-an-org');
      continue;
    }
    if (org.orgId !== undefined && listed.has(org.orgId)) {
      plan.existing.push({ line, orgId: org.orgId });
      continue;
    }
    const firstLine = firstLineOf.get(org.key);
    if (firstLine !== undefined) {
      plan.existing.push(org.orgId === undefined ? { line, firstLine } : { line, orgId: org.orgId, firstLine });
      continue;
    }
    const atlasOrgId = atlas.toLowerCase();
    if (atlasOrgId !== '' && !isObjectId(atlasOrgId)) {
      bad('bad-atlas-id');
      continue;
    }
    const entry: BatchAdd = { line, input: org.orgId ?? input };
    if (org.orgId !== undefined) entry.orgId = org.orgId;
    if (client !== '') {
      const choice = clientFor(profiles, client, org.orgId, org.base);
      if ('problem' in choice) {
        bad(choice.problem, client);
        continue;
      }
      entry.profileId = choice.profileId;
      entry.client = client;
    }
    if (atlasOrgId !== '') {
      if (client === '') {
        bad('target-without-client');
        continue;
      }
      if (!atlasOrgsOfClient(profiles, client).some((o) => o.id === atlasOrgId)) {
        bad('no-atlas-key-pair', client);
        continue;
      }
      entry.atlasOrgId = atlasOrgId;
    }
    if (plan.add.length >= MAX_BATCH) {
      bad('too-many');
      continue;
    }
    // Only a line that adds the org makes a later one a repeat: an invalid first try does not.
    firstLineOf.set(org.key, line);
    plan.add.push(entry);
  }
  return plan;
}
