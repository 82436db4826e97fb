// The organization's policies for the extension (an admin's storage.managed: Chromium's 3rdparty policies or
// Firefox's policies.json), checked strictly, and how they bound the user's settings. Pure: no browser here.
import { baseUrlOrigin, CLOUD_MANAGER_BASE_URL } from '../../core/vault/base-url';
import type { ManagedSettings } from '../../shared/domain';

/** 0 = only when the browser closes, the longest of all (the vault may stay open all day). */
export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 60] as const;

/** The policy names, as an admin writes them (and as public/managed_schema.json declares them). */
export const POLICY_NAMES = ['allowedOpsManagerServers', 'maxAutoLockMinutes', 'backupExportAllowed'] as const;

/** A policy value that was ignored, and why (never the value itself: the warning names the policy only). */
export interface PolicyProblem {
  policy: string;
  problem: string;
}

const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null && !Array.isArray(x);

/** The longest timed choice that is not longer than the limit: an admin's 30 allows 15, never 60. */
function capOf(limit: number): number {
  return Math.max(...AUTO_LOCK_CHOICES.filter((c) => c > 0 && c <= limit));
}

function serversOf(value: unknown[], problems: PolicyProblem[]): string[] {
  // A set: an admin's list may be long (20,000 entries), and each entry is compared with all kept before it.
  const servers = new Set<string>();
  value.forEach((entry, index) => {
    try {
      if (typeof entry !== 'string' || entry.trim() === '') throw new Error('not an address');
      servers.add(baseUrlOrigin(entry));
    } catch {
      // A bad entry allows nothing: the list only gets shorter, so a typo never opens a server.
      problems.push({
        policy: `allowedOpsManagerServers[${index}]`,
        problem: 'is not a server address such as https://opsmanager.example.com:8443; that entry is ignored',
      });
    }
  });
  return [...servers];
}

/** The shortest auto-lock an admin can ask for: what a malformed limit applies. */
const SHORTEST_LOCK = Math.min(...AUTO_LOCK_CHOICES.filter((c) => c > 0));

/**
 * The policies storage.managed holds. A policy that is present but malformed applies its strictest value (no Ops
 * Manager server, no backup export, the shortest auto-lock): an admin who set a restriction meant one, and a typo
 * must not open what it meant to close. Each is named in `problems`; anything that is not an object (Firefox with
 * no policy) is no policy at all.
 */
export function readManagedPolicy(stored: unknown): { managed: ManagedSettings; problems: PolicyProblem[] } {
  const managed: ManagedSettings = {};
  const problems: PolicyProblem[] = [];
  if (!isObject(stored)) return { managed, problems };
  for (const [policy, value] of Object.entries(stored)) {
    if (policy === 'maxAutoLockMinutes') {
      if (typeof value === 'number' && Number.isInteger(value) && value >= 1) managed.maxAutoLockMinutes = capOf(value);
      else {
        managed.maxAutoLockMinutes = SHORTEST_LOCK;
        problems.push({
          policy,
          problem: `must be a whole number of minutes, 1 or more; until it is, the vault locks after ${SHORTEST_LOCK} minute`,
        });
      }
    } else if (policy === 'backupExportAllowed') {
      if (typeof value === 'boolean') managed.backupExportAllowed = value;
      else {
        managed.backupExportAllowed = false;
        problems.push({ policy, problem: 'must be true or false; until it is, backups cannot be exported' });
      }
    } else if (policy === 'allowedOpsManagerServers') {
      if (Array.isArray(value)) managed.allowedOpsManagerServers = serversOf(value, problems);
      else {
        managed.allowedOpsManagerServers = [];
        problems.push({
          policy,
          problem: 'must be a list of server addresses; until it is, no Ops Manager server is allowed',
        });
      }
    } else {
      problems.push({ policy, problem: `is not a policy of this extension (known: ${POLICY_NAMES.join(', ')})` });
    }
  }
  return { managed, problems };
}

/** The auto-lock that applies: the user's choice, unless it is longer than the organization allows. */
export function effectiveAutoLock(userMinutes: number, managed: ManagedSettings): number {
  const cap = managed.maxAutoLockMinutes;
  if (cap === undefined) return userMinutes;
  return userMinutes === 0 || userMinutes > cap ? cap : userMinutes;
}

/** Cloud Manager (and Atlas, on the same address) is always allowed; an Ops Manager server only if listed. */
export function isServerAllowed(baseUrl: string, managed: ManagedSettings): boolean {
  const allowed = managed.allowedOpsManagerServers;
  if (allowed === undefined) return true;
  let origin: string;
  try {
    origin = baseUrlOrigin(baseUrl);
  } catch {
    return false;
  }
  return origin === CLOUD_MANAGER_BASE_URL || allowed.includes(origin);
}
