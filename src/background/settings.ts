// User settings with explicit defaults; stored in storage.local (nothing secret).
import type { Settings } from '../shared/messages';
import { settingsItem } from './storage/items';
import { WorkerError } from './worker-error';

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
