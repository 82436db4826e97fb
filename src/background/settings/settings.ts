// User settings with explicit defaults, stored in storage.local (nothing secret), and their two handlers.
import type { Settings } from '../../shared/domain';
import type { HandlersOf, MessageMap } from '../../shared/messages';
import { WorkerError } from '../messaging/worker-error';
import { settingsItem } from '../storage/items';

export const DEFAULT_SETTINGS: Settings = { autoLockMinutes: 15 };
export const AUTO_LOCK_CHOICES = [0, 1, 5, 15, 60] as const;

const isChoice = (minutes: unknown) => (AUTO_LOCK_CHOICES as readonly unknown[]).includes(minutes);

export async function readSettings(): Promise<Settings> {
  const stored = await settingsItem.get();
  // A stored value outside the choices (an old or altered record) falls back to the default.
  return {
    autoLockMinutes: isChoice(stored.autoLockMinutes) ? stored.autoLockMinutes! : DEFAULT_SETTINGS.autoLockMinutes,
  };
}

export async function writeSettings(patch: Partial<Settings>): Promise<Settings> {
  if (patch.autoLockMinutes !== undefined && !isChoice(patch.autoLockMinutes)) {
    throw new WorkerError('invalid-input', `Auto-lock must be one of ${AUTO_LOCK_CHOICES.join(', ')} minutes.`);
  }
  await settingsItem.update((stored) => ({ ...stored, ...patch }));
  return readSettings();
}

export const settingsHandlers: HandlersOf<Pick<MessageMap, 'settings/get' | 'settings/set'>> = {
  'settings/get': () => readSettings(),
  'settings/set': (patch) => writeSettings(patch),
};
