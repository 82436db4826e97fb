// Pure operations on the vault's profiles (one per client key pair) and the org → profile map, plus the checks
// and masking the UI needs. An org is bound to at most one profile, and a key serves only its own org: the one
// the server named when the key pair was saved (a global Ops Manager key: any org of its own server).
import { baseUrlOrigin, isInsecureHttp, normalizeBaseUrl } from './base-url';
import { profileCredential } from './credentials';
import { checkExternalAddresses } from './external-addresses';
import { identityFields, type KeyIdentity } from './identity';
import {
  type FieldProblem,
  keyProblem,
  labelProblem,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  ORG_ID,
} from './profile-rules';
import { checkedCredential, requireSideRule } from './side-rules';
import { deriveSide, isKeySide, profileSide } from './sides';
import type { KeyCredential, KeySide, Profile, VaultContents } from './types';
import { VaultError } from './vault-error';

export { checkKeyShapes, type KeyShapeWarning } from './credentials';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProfileInput {
  label: string;
  publicKey: string;
  privateKey: string;
  baseUrl?: string;
  orgIds?: string[];
  /** The user confirmed an http:// server beyond this machine after being told what travels in clear. */
  allowInsecureHttp?: boolean;
  /** Absent (an older page, a script): derived from the server address, as for contents saved before sides. */
  side?: KeySide;
  /** API key (absent) or service account: then `publicKey` is the client id and `privateKey` the client secret. */
  credential?: KeyCredential;
  /** Ops Manager only: the server's external addresses or CIDR blocks, one entry per element. */
  accessListIps?: string[];
}

type ProfileFields = Pick<
  Profile,
  'label' | 'publicKey' | 'privateKey' | 'baseUrl' | 'insecureHttpConfirmed' | 'side' | 'credential' | 'accessListIps'
>;

const fieldError = (field: 'label' | 'publicKey' | 'privateKey', problem: FieldProblem) =>
  new VaultError('invalid-profile', { variant: problem, field });

// Messages arrive from pages as untyped JSON: a missing or non-text field reads as empty rather than a TypeError.
const textOf = (value: unknown) => (typeof value === 'string' ? value : '').trim();

function validated(input: ProfileInput): ProfileFields {
  const label = textOf(input.label);
  const publicKey = textOf(input.publicKey);
  const privateKey = textOf(input.privateKey);
  if (!label) {
    throw new VaultError('invalid-profile', {
      variant: 'empty',
      field: 'label',
    });
  }
  if (!publicKey || !privateKey) {
    throw new VaultError('invalid-profile', {
      variant: 'empty',
      field: publicKey ? 'privateKey' : 'publicKey',
    });
  }
  const labelFault = labelProblem(label);
  if (labelFault) throw fieldError('label', labelFault);
  const publicFault = keyProblem(publicKey);
  if (publicFault) throw fieldError('publicKey', publicFault);
  const privateFault = keyProblem(privateKey);
  if (privateFault) throw fieldError('privateKey', privateFault);
  const baseUrl = normalizeBaseUrl(input.baseUrl, { allowInsecureHttp: input.allowInsecureHttp === true });
  const side = input.side === undefined ? deriveSide({ baseUrl }) : input.side;
  if (!isKeySide(side)) {
    throw new VaultError('invalid-profile', {
      variant: 'bad-side',
      field: 'side',
    });
  }
  const credential = checkedCredential(input.credential, side);
  // The same rule the vault's check applies to every backup and merge (side-rules.ts): no other origin for a Cloud
  // Manager or Atlas credential.
  requireSideRule({ side, credential, baseUrl });
  const accessListIps = checkExternalAddresses(input.accessListIps, side);
  return {
    label,
    publicKey,
    privateKey,
    baseUrl,
    // Only reachable when the user confirmed: recorded so the vault's check (validate.ts) and later edits know.
    ...(isInsecureHttp(baseUrl) ? { insecureHttpConfirmed: true as const } : {}),
    side,
    // An API key is written as before (no kind): older versions read it back unchanged.
    ...(credential === 'service-account' ? { credential } : {}),
    ...(accessListIps.length > 0 ? { accessListIps } : {}),
  };
}

/**
 * What a saved key pair lacks to pass today's form rules, if anything: one saved before those rules existed
 * (a key with an invisible character, an http:// server never confirmed) still opens, and the UI asks for a fix.
 */
export function findProfileProblem(profile: Profile): VaultError | undefined {
  try {
    validated({ ...profile, allowInsecureHttp: profile.insecureHttpConfirmed === true });
    return undefined;
  } catch (error) {
    if (error instanceof VaultError) return error;
    throw error;
  }
}

export function newProfileId(): string {
  return Array.from(crypto.getRandomValues(new Uint8Array(8)), (b) => b.toString(16).padStart(2, '0')).join('');
}

export function addProfile(
  contents: VaultContents,
  input: ProfileInput,
  now: number,
  identity?: KeyIdentity,
): { contents: VaultContents; profile: Profile } {
  if (contents.profiles.length >= MAX_PROFILES) {
    throw new VaultError('invalid-profile', { variant: 'too-many-profiles', params: { max: String(MAX_PROFILES) } });
  }
  const fields = validated(input);
  requireMatchingIdentity(fields.side, identity);
  const profile: Profile = {
    id: newProfileId(),
    ...fields,
    ...(identity ? identityFields(identity) : {}),
    orgIds: [],
    createdAt: now,
    updatedAt: now,
  };
  let next: VaultContents = { ...contents, profiles: [...contents.profiles, profile] };
  if (identity?.kind === 'org') next = bindOrg(next, identity.org.id, profile.id);
  for (const orgId of input.orgIds ?? []) next = bindOrg(next, orgId, profile.id);
  return { contents: next, profile: next.profiles.find((p) => p.id === profile.id)! };
}

/** An Atlas key pair is identified by the Atlas API, any other by Cloud Manager's or Ops Manager's: never crossed. */
export function requireMatchingIdentity(side: KeySide | undefined, identity: KeyIdentity | undefined): void {
  if (!identity || (side === 'atlas') === (identity.kind === 'atlas-org')) return;
  throw new VaultError('invalid-profile', {
    variant: 'side-change',
    field: 'side',
  });
}

export function updateProfile(
  contents: VaultContents,
  id: string,
  patch: Partial<ProfileInput>,
  now: number,
): { contents: VaultContents; profile: Profile } {
  const current = contents.profiles.find((p) => p.id === id);
  if (!current) throw new VaultError('unknown-profile');
  const baseUrl = patch.baseUrl ?? current.baseUrl;
  const side = patch.side ?? profileSide(current);
  // An Atlas key pair and a Cloud Manager / Ops Manager one are keys of different orgs: a new key pair, not an edit.
  if ((side === 'atlas') !== (current.side === 'atlas')) {
    throw new VaultError('invalid-profile', {
      variant: 'side-change',
      field: 'side',
    });
  }
  // A service account and an API key are different credentials: the kind changes only with a new secret.
  const credential = patch.credential ?? profileCredential(current);
  if (credential !== profileCredential(current) && !textOf(patch.privateKey)) {
    throw new VaultError('invalid-profile', {
      variant: 'credential-change',
      field: 'credential',
    });
  }
  // A confirmation is for one server: it carries over only while the address stays the same.
  const sameServer = current.insecureHttpConfirmed === true && baseUrlOrigin(baseUrl) === current.baseUrl;
  const merged = validated({
    label: patch.label ?? current.label,
    publicKey: patch.publicKey ?? current.publicKey,
    // An empty private key in an edit means "keep the saved one": the UI never has it to send back.
    privateKey: textOf(patch.privateKey) ? (patch.privateKey as string) : current.privateKey,
    baseUrl,
    allowInsecureHttp: patch.allowInsecureHttp ?? sameServer,
    side,
    credential,
    // Kept while the key pair stays an Ops Manager one; an empty list removes them.
    accessListIps: patch.accessListIps ?? (side === 'ops-manager' ? current.accessListIps : undefined),
  });
  const { org, global, projects } = current;
  const profile: Profile = {
    id: current.id,
    ...merged,
    ...(org ? { org } : {}),
    ...(global ? { global } : {}),
    ...(projects ? { projects } : {}),
    orgIds: current.orgIds,
    createdAt: current.createdAt,
    updatedAt: now,
  };
  return { contents: { ...contents, profiles: contents.profiles.map((p) => (p.id === id ? profile : p)) }, profile };
}

export function removeProfile(contents: VaultContents, id: string): VaultContents {
  if (!contents.profiles.some((p) => p.id === id)) {
    throw new VaultError('unknown-profile');
  }
  return { ...contents, profiles: contents.profiles.filter((p) => p.id !== id) };
}

export function bindOrg(contents: VaultContents, orgId: string, profileId: string): VaultContents {
  const target = contents.profiles.find((p) => p.id === profileId);
  if (!target) throw new VaultError('unknown-profile');
  // Refused here rather than by the vault's check after the write, which would call the vault damaged.
  if (typeof orgId !== 'string' || !ORG_ID.test(orgId)) {
    throw new VaultError('invalid-profile', {
      variant: 'bad-org-id',
      field: 'orgIds',
    });
  }
  // An Atlas key pair serves its Atlas org's link tokens, never a Cloud Manager org (its own org is none).
  if (target.org && (target.side === 'atlas' || target.org.id !== orgId)) {
    throw new VaultError('invalid-profile', {
      variant: 'other-org',
      field: 'orgIds',
      params: { orgId: target.org.id, orgName: target.org.name },
    });
  }
  if (!target.orgIds.includes(orgId) && target.orgIds.length >= MAX_ORGS_PER_PROFILE) {
    throw new VaultError('invalid-profile', {
      variant: 'too-many',
      field: 'orgIds',
      params: { max: String(MAX_ORGS_PER_PROFILE) },
    });
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

/** Only the last segment of a UUID-shaped key shows; anything else shows its last 4 characters at most. */
export function maskSecret(privateKey: string): string {
  const parts = privateKey.split('-');
  // Only a real UUID shows its last group (12 characters): any other key with dashes is masked like the rest.
  if (UUID.test(privateKey.toLowerCase()))
    return `${parts
      .slice(0, 4)
      .map((p) => '•'.repeat(p.length))
      .join('-')}-${parts[4]}`;
  const tail = privateKey.length > 12 ? privateKey.slice(-4) : '';
  return `${'•'.repeat(8)}${tail}`;
}

/** A profile as a page may see it: every field but the private key, of which only a masked tail shows. */
export type PublicProfile = Omit<Profile, 'privateKey'> & { maskedPrivateKey: string };

export function publicProfile(profile: Profile): PublicProfile {
  const { privateKey, ...rest } = profile;
  const view: PublicProfile = { ...rest, orgIds: [...rest.orgIds], maskedPrivateKey: maskSecret(privateKey) };
  if (rest.org) view.org = { ...rest.org };
  if (rest.projects) view.projects = rest.projects.map((p) => ({ ...p }));
  if (rest.accessListIps) view.accessListIps = [...rest.accessListIps];
  return view;
}
