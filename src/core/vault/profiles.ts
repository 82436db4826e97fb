// Pure operations on the vault's profiles (one per client key pair) and the org → profile map, plus the checks
// and masking the UI needs. An org belongs to at most one profile.
import type { Profile, VaultContents } from './vault';
import { VaultError } from './vault-error';

export const CLOUD_MANAGER_BASE_URL = 'https://cloud.mongodb.com';
const PUBLIC_KEY = /^[a-z]{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProfileInput {
  label: string;
  publicKey: string;
  privateKey: string;
  baseUrl?: string;
  orgIds?: string[];
}

export type KeyShapeWarning = { kind: 'public-key-shape' | 'private-key-shape' | 'looks-swapped' };

export function checkKeyShapes(publicKey: string, privateKey: string): KeyShapeWarning[] {
  const pub = publicKey.trim();
  const priv = privateKey.trim();
  if (UUID.test(pub.toLowerCase()) && PUBLIC_KEY.test(priv)) return [{ kind: 'looks-swapped' }];
  const warnings: KeyShapeWarning[] = [];
  if (!PUBLIC_KEY.test(pub)) warnings.push({ kind: 'public-key-shape' });
  if (!UUID.test(priv.toLowerCase())) warnings.push({ kind: 'private-key-shape' });
  return warnings;
}

export function normalizeBaseUrl(url: string | undefined): string {
  const text = (url ?? '').trim() || CLOUD_MANAGER_BASE_URL;
  let parsed: URL;
  try {
    parsed = new URL(text);
  } catch {
    throw new VaultError(
      'invalid-base-url',
      'The server address must be a full address such as https://opsmanager.example.com:8443.',
    );
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') {
    throw new VaultError('invalid-base-url', 'The server address must start with https:// or http://.');
  }
  if ((parsed.pathname !== '/' && parsed.pathname !== '') || parsed.search || parsed.hash || parsed.username) {
    throw new VaultError(
      'invalid-base-url',
      'The server address must be the host only, without a path (e.g. https://opsmanager.example.com:8443).',
    );
  }
  return parsed.origin;
}

function validated(input: ProfileInput): Omit<Profile, 'id' | 'createdAt' | 'updatedAt' | 'orgIds'> {
  const label = input.label.trim();
  const publicKey = input.publicKey.trim();
  const privateKey = input.privateKey.trim();
  if (!label) throw new VaultError('invalid-profile', 'Give the key pair a name (the client).');
  if (!publicKey || !privateKey)
    throw new VaultError('invalid-profile', 'Both the public and the private key are needed.');
  return { label, publicKey, privateKey, baseUrl: normalizeBaseUrl(input.baseUrl) };
}

function newId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function addProfile(
  contents: VaultContents,
  input: ProfileInput,
  now: number,
): { contents: VaultContents; profile: Profile } {
  const profile: Profile = { id: newId(), ...validated(input), orgIds: [], createdAt: now, updatedAt: now };
  let next: VaultContents = { ...contents, profiles: [...contents.profiles, profile] };
  for (const orgId of input.orgIds ?? []) next = bindOrg(next, orgId, profile.id);
  return { contents: next, profile: next.profiles.find((p) => p.id === profile.id)! };
}

export function updateProfile(
  contents: VaultContents,
  id: string,
  patch: Partial<ProfileInput>,
  now: number,
): { contents: VaultContents; profile: Profile } {
  const current = contents.profiles.find((p) => p.id === id);
  if (!current) throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  const merged = validated({
    label: patch.label ?? current.label,
    publicKey: patch.publicKey ?? current.publicKey,
    // An empty private key in an edit means "keep the saved one": the UI never has it to send back.
    privateKey: patch.privateKey?.trim() ? patch.privateKey : current.privateKey,
    baseUrl: patch.baseUrl ?? current.baseUrl,
  });
  const profile: Profile = { ...current, ...merged, updatedAt: now };
  return { contents: { ...contents, profiles: contents.profiles.map((p) => (p.id === id ? profile : p)) }, profile };
}

export function removeProfile(contents: VaultContents, id: string): VaultContents {
  if (!contents.profiles.some((p) => p.id === id)) {
    throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  }
  return { ...contents, profiles: contents.profiles.filter((p) => p.id !== id) };
}

export function bindOrg(contents: VaultContents, orgId: string, profileId: string): VaultContents {
  if (!contents.profiles.some((p) => p.id === profileId)) {
    throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  }
  return {
    ...contents,
    profiles: contents.profiles.map((p) => {
      const others = p.orgIds.filter((o) => o !== orgId);
      return { ...p, orgIds: p.id === profileId ? [...others, orgId] : others };
    }),
  };
}

/** The org keeps no client: no key pair is bound to it any more (the key pairs themselves stay). */
export function unbindOrg(contents: VaultContents, orgId: string): VaultContents {
  if (!contents.profiles.some((p) => p.orgIds.includes(orgId))) return contents;
  return {
    ...contents,
    profiles: contents.profiles.map((p) =>
      p.orgIds.includes(orgId) ? { ...p, orgIds: p.orgIds.filter((o) => o !== orgId) } : p,
    ),
  };
}

export function profileForOrg(contents: VaultContents, orgId: string): Profile | undefined {
  return contents.profiles.find((p) => p.orgIds.includes(orgId));
}

/** Only the last segment of a UUID-shaped key shows; anything else shows its last 4 characters at most. */
export function maskSecret(privateKey: string): string {
  const parts = privateKey.split('-');
  if (parts.length === 5)
    return `${parts
      .slice(0, 4)
      .map((p) => '•'.repeat(p.length))
      .join('-')}-${parts[4]}`;
  const tail = privateKey.length > 12 ? privateKey.slice(-4) : '';
  return `${'•'.repeat(8)}${tail}`;
}

export interface PublicProfile {
  id: string;
  label: string;
  publicKey: string;
  maskedPrivateKey: string;
  baseUrl: string;
  orgIds: string[];
  createdAt: number;
  updatedAt: number;
}

export function publicProfile(profile: Profile): PublicProfile {
  const { privateKey, ...rest } = profile;
  return { ...rest, orgIds: [...rest.orgIds], maskedPrivateKey: maskSecret(privateKey) };
}
