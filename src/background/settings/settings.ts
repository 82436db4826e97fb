// User settings with explicit defaults, stored in storage.local (nothing secret), and their two handlers. What the
// worker answers and applies is the effective setting: the organization's policy (storage.managed) wins.
import type { Settings } from '../../shared/domain';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { WorkerError } from '../messaging/worker-error';
import { settingsItem } from '../storage/items';
import { AUTO_LOCK_CHOICES, effectiveAutoLock } from './managed-policy';
import { hasManagedSettings, readManagedState } from './managed-settings';

export { AUTO_LOCK_CHOICES } from './managed-policy';
export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15 };

const isChoice = (minutes: unknown) => (AUTO_LOCK_CHOICES as readonly unknown[]).includes(minutes);

/** The user's own choices as stored, without any policy. */
async function readUserSettings(): Promise<Settings> {
  const stored = await settingsItem.get();
  // A stored value outside the choices (an old or altered record) falls back to the default.
  return {
    autoLockMinutes: isChoice(stored.autoLockMinutes) ? stored.autoLockMinutes! : DEFAULT_SETTINGS.autoLockMinutes,
  };
}

/** The settings in force: the user's, bounded by the organization's policy, which is named when there is one. */
export async function readSettings(): Promise<Settings> {
  const [user, { managed, malformed }] = await Promise.all([readUserSettings(), readManagedState()]);
  const autoLockMinutes = effectiveAutoLock(user.autoLockMinutes, managed);
  return {
    autoLockMinutes,
    ...(hasManagedSettings(managed) ? { managed } : {}),
    ...(malformed.length ? { malformedPolicies: malformed } : {}),
  };
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  if (patch.autoLockMinutes !== undefined && !isChoice(patch.autoLockMinutes)) {
    throw new WorkerError('invalid-input');
  }
  // The user's choice is kept even above the organization's limit (it applies again if the policy goes away);
  // what is answered and applied is capped. Only the user's own fields are stored, never `managed`.
  const own = patch.autoLockMinutes === undefined ? {} : { autoLockMinutes: patch.autoLockMinutes };
  await settingsItem.update((stored) => ({ ...stored, ...own }));
  return readSettings();
}

export const settingsHandlers: HandlersOf<Pick<MessageMap, 'settings/get' | 'settings/set'>> = {
  'settings/get': () => readSettings(),
  'settings/set': (patch) => writeSettings(patch),
};
