// Key pairs and vaults for the core/vault tests, and the refusal a call ends with as the fields a caller reads.
import { type Profile, type VaultContents, VaultError } from '../../src/core/vault';

export const PUBLIC_KEY = 'qwhtzmpa';
export const PRIVATE_KEY = '3f9c2e71-8a4b-4c5d-9e6f-0a1b2c3d4e5f';

/** A Cloud Manager key pair named "Client <id>", bound to no org unless `extra` says so. */
export function profile(id: string, extra: Partial<Profile> = {}): Profile {
  return {
    id,
    label: `Client ${id}`,
    publicKey: PUBLIC_KEY,
    privateKey: PRIVATE_KEY,
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
    createdAt: 1,
    updatedAt: 1,
    ...extra,
  };
}

export const vault = (...profiles: Profile[]): VaultContents => ({ version: 1, profiles });

/** The VaultError `run` throws, as the fields a caller reads; fails the test when it throws nothing. */
export function refusal(run: () => unknown) {
  try {
    run();
  } catch (error) {
    if (!(error instanceof VaultError)) throw error;
    const { kind, variant, field, params } = error;
    return { kind, variant, field, params };
  }
  throw new Error('expected a VaultError, but the call succeeded');
}
