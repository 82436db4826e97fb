// The side a key pair serves (Cloud Manager org, Ops Manager server, Atlas org): the values, and the side of a key
// pair saved before sides existed, derived from what it holds.
import { CLOUD_MANAGER_BASE_URL } from './base-url';
import type { KeySide } from './types';

export const KEY_SIDES: readonly KeySide[] = ['cloud-manager', 'ops-manager', 'atlas'];

export const isKeySide = (value: unknown): value is KeySide => (KEY_SIDES as readonly unknown[]).includes(value);

/**
 * The side of a key pair that names none (saved, backed up or sent by a page before sides existed): no Atlas key
 * existed then, so an Ops Manager global key or any server but Cloud Manager's is Ops Manager, the rest Cloud Manager.
 */
export function deriveSide(profile: { baseUrl: string; global?: boolean }): KeySide {
  return profile.global === true || profile.baseUrl !== CLOUD_MANAGER_BASE_URL ? 'ops-manager' : 'cloud-manager';
}

/** The key pair's side, whether written or (for an object that lacks it) derived. */
export function profileSide(profile: { side?: KeySide; baseUrl: string; global?: boolean }): KeySide {
  return profile.side ?? deriveSide(profile);
}
