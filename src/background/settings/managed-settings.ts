// The organization's policies as the worker applies them: read from storage.managed, kept by the worker as last read
// until storage.onChanged tells of an admin's change (storage/areas.ts: it applies at once, and a stopped MV3 worker
// keeps no copy to go stale); missing or throwing (Firefox with no policies.json entry) means no policy. The refusals here are the only places a policy says no.
import { CLOUD_MANAGER_BASE_URL } from '../../core/vault/base-url';
import type { ManagedSettings } from '../../shared/domain';
import { guardMethods } from '../api/guard-methods';
import { WorkerError } from '../messaging/worker-error';
import { managedPolicy } from '../storage/areas';
import { isServerAllowed, POLICY_NAMES, readManagedPolicy } from './managed-policy';

// One warning per wrong policy value per worker life: the policy is read at every use, the admin needs one line.
const warned = new Set<string>();

// The last policy read, by its stored text: storage.managed is read at every use (cheap), and checked again only
// when it changed (an admin's list may hold thousands of servers, and every message reads it).
let lastRead: { text: string; managed: ManagedSettings; malformed: string[] } | undefined;

/** The policies in force, and the names of those present but malformed (their strictest value applies). */
export async function readManagedState(): Promise<{ managed: ManagedSettings; malformed: string[] }> {
  let stored: unknown;
  try {
    stored = await managedPolicy();
  } catch {
    return { managed: {}, malformed: [] };
  }
  const text = JSON.stringify(stored) ?? '';
  if (lastRead?.text !== text) lastRead = { text, ...checkedPolicy(stored) };
  return structuredClone({ managed: lastRead.managed, malformed: lastRead.malformed });
}

export async function readManagedSettings(): Promise<ManagedSettings> {
  return (await readManagedState()).managed;
}

function checkedPolicy(stored: unknown): { managed: ManagedSettings; malformed: string[] } {
  const { managed, problems } = readManagedPolicy(stored);
  // A policy of this extension (or one of its list's entries) that was malformed; an unknown name restricts nothing.
  const malformed = new Set(
    problems
      .map((p) => p.policy.replace(/\[\d+\]$/, ''))
      .filter((name) => (POLICY_NAMES as readonly string[]).includes(name)),
  );
  for (const { policy, problem } of problems) {
    const line = `Managed policy ${policy} ${problem}.`;
    if (!warned.has(line)) {
      warned.add(line);
      console.warn(line);
    }
  }
  return { managed, malformed: [...malformed] };
}

/** Whether anything is set by the organization: the pages show the settings as before when nothing is. */
export const hasManagedSettings = (managed: ManagedSettings) => Object.keys(managed).length > 0;

function serverNotAllowed(baseUrl: string, allowed: readonly string[]): WorkerError {
  const servers = allowed.join(', ');
  return new WorkerError(
    'server-not-allowed',
    allowed.length ? { server: baseUrl, servers } : { server: baseUrl, variant: 'none' },
  );
}

/** Refuses a key pair of an Ops Manager server the organization does not allow, before any call is made to it. */
export async function requireAllowedServer(baseUrl: string): Promise<void> {
  const managed = await readManagedSettings();
  // Stryker disable next-line ArrayDeclaration: a server is refused only by a list, so the fallback is never used
  if (!isServerAllowed(baseUrl, managed)) throw serverNotAllowed(baseUrl, managed.allowedOpsManagerServers ?? []);
}

/** The same for every key pair of a backup about to be restored or merged: refused whole, nothing changes. */
export async function requireAllowedServers(profiles: readonly { baseUrl: string }[]): Promise<void> {
  const managed = await readManagedSettings();
  const refused = profiles.find((p) => !isServerAllowed(p.baseUrl, managed));
  // Stryker disable next-line ArrayDeclaration: a server is refused only by a list, so the fallback is never used
  if (refused) throw serverNotAllowed(refused.baseUrl, managed.allowedOpsManagerServers ?? []);
}

export async function requireBackupExportAllowed(): Promise<void> {
  if ((await readManagedSettings()).backupExportAllowed === false) {
    throw new WorkerError('backup-export-off');
  }
}

/**
 * An API client whose every call first checks that its server is still allowed: a key pair saved before the
 * policy (or restored elsewhere) is refused when used, and its credential never reaches that server.
 */
export function onAllowedServerOnly<A extends object>(baseUrl: string, api: A): A {
  if (baseUrl === CLOUD_MANAGER_BASE_URL) return api;
  return guardMethods(api, async (call) => {
    await requireAllowedServer(baseUrl);
    return call();
  });
}
