// Pure operations on the vault's profiles (one per client key pair) and the org → profile map, plus the checks
// and masking the UI needs. An org is bound to at most one profile, and a key serves only its own org: the one
// the server named when the key pair was saved (a global Ops Manager key: any org of its own server).
import { baseUrlOrigin, isInsecureHttp, normalizeBaseUrl } from './base-url';
import {
  describeProblem,
  type FieldProblem,
  hasControlCharacter,
  keyProblem,
  labelProblem,
  MAX_NAME_LENGTH,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  MAX_PROJECTS_PER_PROFILE,
  ORG_ID,
  sentence,
} from './profile-rules';
import type { KeyOrg, KeyProject, Profile, VaultContents } from './vault';
import { VaultError } from './vault-error';

const PUBLIC_KEY = /^[a-z]{8}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export interface ProfileInput {
  label: string;
  publicKey: string;
  privateKey: string;
  baseUrl?: string;
  orgIds?: string[];
  /** The user confirmed an http:// server beyond this machine after being told what travels in clear. */
  allowInsecureHttp?: boolean;
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

type ProfileFields = Pick<Profile, 'label' | 'publicKey' | 'privateKey' | 'baseUrl' | 'insecureHttpConfirmed'>;

const fieldError = (field: 'label' | 'publicKey' | 'privateKey', problem: FieldProblem) =>
  new VaultError('invalid-profile', sentence(describeProblem(field, problem)), { variant: problem, field });

// Messages arrive from pages as untyped JSON: a missing or non-text field reads as empty rather than a TypeError.
const textOf = (value: unknown) => (typeof value === 'string' ? value : '').trim();

function validated(input: ProfileInput): ProfileFields {
  const label = textOf(input.label);
  const publicKey = textOf(input.publicKey);
  const privateKey = textOf(input.privateKey);
  if (!label) {
    throw new VaultError('invalid-profile', 'Give the key pair a name (the client).', {
      variant: 'empty',
      field: 'label',
    });
  }
  if (!publicKey || !privateKey) {
    throw new VaultError('invalid-profile', 'Both the public and the private key are needed.', {
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
  // Only reachable when the user confirmed: recorded so the vault's check (validate.ts) and later edits know.
  return isInsecureHttp(baseUrl)
    ? { label, publicKey, privateKey, baseUrl, insecureHttpConfirmed: true }
    : { label, publicKey, privateKey, baseUrl };
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

/** What the server said a key is: the key of one org (with that org's projects), or an Ops Manager global key. */
export type KeyIdentity = { kind: 'org'; org: KeyOrg; projects: KeyProject[] } | { kind: 'global' };

/** A name as the server gave it, made safe to keep: control characters become spaces, and it is cut to size. */
const cut = (name: string) =>
  Array.from(name, (c) => (hasControlCharacter(c) ? ' ' : c))
    .join('')
    .slice(0, MAX_NAME_LENGTH);

/** The profile's identity fields for what the server said (names cut to size, projects deduplicated). */
function identityFields(identity: KeyIdentity): Pick<Profile, 'org' | 'global' | 'projects'> {
  if (identity.kind === 'global') return { global: true };
  const projects = new Map<string, KeyProject>();
  for (const p of identity.projects) {
    if (ORG_ID.test(p.id) && projects.size < MAX_PROJECTS_PER_PROFILE)
      projects.set(p.id, { id: p.id, name: cut(p.name) });
  }
  return { org: { id: identity.org.id, name: cut(identity.org.name) }, projects: [...projects.values()] };
}

/** Records what the server said about a saved key: an org key is bound to its org and to no other. */
export function setIdentity(contents: VaultContents, profileId: string, identity: KeyIdentity): VaultContents {
  const current = contents.profiles.find((p) => p.id === profileId);
  if (!current) throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  if (identity.kind === 'org' && !ORG_ID.test(identity.org.id)) {
    throw new VaultError('invalid-profile', 'That is not a Cloud Manager org id (24 hexadecimal characters).', {
      variant: 'bad-org-id',
      field: 'org',
    });
  }
  const { org: _org, global: _global, projects: _projects, ...rest } = current;
  const updated: Profile = {
    ...rest,
    ...identityFields(identity),
    orgIds: identity.kind === 'org' ? current.orgIds.filter((o) => o === identity.org.id) : current.orgIds,
  };
  const next = { ...contents, profiles: contents.profiles.map((p) => (p.id === profileId ? updated : p)) };
  // Bound to its org unless another key pair of the same org already is (that choice stays the user's).
  const taken = next.profiles.some(
    (p) => p.id !== profileId && identity.kind === 'org' && p.orgIds.includes(identity.org.id),
  );
  return identity.kind === 'org' && !taken ? bindOrg(next, identity.org.id, profileId) : next;
}

/** Replaces the projects remembered for an org key with the list the server gave now. */
export function setProjects(contents: VaultContents, profileId: string, projects: KeyProject[]): VaultContents {
  return {
    ...contents,
    profiles: contents.profiles.map((p) => {
      if (p.id !== profileId || !p.org) return p;
      return { ...p, projects: identityFields({ kind: 'org', org: p.org, projects }).projects };
    }),
  };
}

/** Remembers one more project of the key's org (learnt when a project page was resolved with this key). */
export function addProject(contents: VaultContents, profileId: string, project: KeyProject): VaultContents {
  return {
    ...contents,
    profiles: contents.profiles.map((p) => {
      if (p.id !== profileId || !ORG_ID.test(project.id)) return p;
      const others = (p.projects ?? []).filter((q) => q.id !== project.id);
      if (others.length >= MAX_PROJECTS_PER_PROFILE) return p;
      return { ...p, projects: [...others, { id: project.id, name: cut(project.name) }] };
    }),
  };
}

/**
 * Whether the key pair may sign calls for this org: an identified key for its own org only; a global key for
 * the orgs bound to it or any org of its own server (`base`); an unidentified (older) key pair for its bound orgs.
 */
export function profileServes(profile: Profile, orgId: string, base?: string): boolean {
  if (profile.org) return profile.org.id === orgId;
  if (profile.global) return profile.orgIds.includes(orgId) || (base !== undefined && profile.baseUrl === base);
  return profile.orgIds.includes(orgId);
}

/** Every key pair that may serve the org (the bound one first). */
export function profilesServing(contents: VaultContents, orgId: string, base?: string): Profile[] {
  const serving = contents.profiles.filter((p) => profileServes(p, orgId, base));
  return [...serving.filter((p) => p.orgIds.includes(orgId)), ...serving.filter((p) => !p.orgIds.includes(orgId))];
}

/** The key pair whose org holds this project, as learnt from the API. */
export function profileForProject(contents: VaultContents, groupId: string, base?: string): Profile | undefined {
  return contents.profiles.find(
    (p) => (base === undefined || p.baseUrl === base) && p.projects?.some((q) => q.id === groupId),
  );
}

/** A key pair already in the vault with this public key on this server. */
export function profileWithKey(
  contents: VaultContents,
  publicKey: string,
  baseUrl: string,
  except?: string,
): Profile | undefined {
  const key = textOf(publicKey);
  return contents.profiles.find((p) => p.id !== except && p.publicKey === key && p.baseUrl === baseUrl);
}

export function addProfile(
  contents: VaultContents,
  input: ProfileInput,
  now: number,
  identity?: KeyIdentity,
): { contents: VaultContents; profile: Profile } {
  if (contents.profiles.length >= MAX_PROFILES) {
    throw new VaultError(
      'invalid-profile',
      `The vault already holds ${MAX_PROFILES} key pairs: remove one before adding another.`,
      { variant: 'too-many-profiles', params: { max: String(MAX_PROFILES) } },
    );
  }
  const profile: Profile = {
    id: newProfileId(),
    ...validated(input),
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

export function updateProfile(
  contents: VaultContents,
  id: string,
  patch: Partial<ProfileInput>,
  now: number,
): { contents: VaultContents; profile: Profile } {
  const current = contents.profiles.find((p) => p.id === id);
  if (!current) throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  const baseUrl = patch.baseUrl ?? current.baseUrl;
  // A confirmation is for one server: it carries over only while the address stays the same.
  const sameServer = current.insecureHttpConfirmed === true && baseUrlOrigin(baseUrl) === current.baseUrl;
  const merged = validated({
    label: patch.label ?? current.label,
    publicKey: patch.publicKey ?? current.publicKey,
    // An empty private key in an edit means "keep the saved one": the UI never has it to send back.
    privateKey: textOf(patch.privateKey) ? (patch.privateKey as string) : current.privateKey,
    baseUrl,
    allowInsecureHttp: patch.allowInsecureHttp ?? sameServer,
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
    throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  }
  return { ...contents, profiles: contents.profiles.filter((p) => p.id !== id) };
}

export function bindOrg(contents: VaultContents, orgId: string, profileId: string): VaultContents {
  const target = contents.profiles.find((p) => p.id === profileId);
  if (!target) throw new VaultError('unknown-profile', 'That key pair is no longer in the vault.');
  // Refused here rather than by the vault's check after the write, which would call the vault damaged.
  if (typeof orgId !== 'string' || !ORG_ID.test(orgId)) {
    throw new VaultError('invalid-profile', 'That is not a Cloud Manager org id (24 hexadecimal characters).', {
      variant: 'bad-org-id',
      field: 'orgIds',
    });
  }
  if (target.org && target.org.id !== orgId) {
    throw new VaultError('invalid-profile', `This key pair belongs to ${target.org.name}: it serves no other org.`, {
      variant: 'other-org',
      field: 'orgIds',
      params: { orgId: target.org.id, orgName: target.org.name },
    });
  }
  if (!target.orgIds.includes(orgId) && target.orgIds.length >= MAX_ORGS_PER_PROFILE) {
    throw new VaultError('invalid-profile', 'A key pair can serve at most 10,000 orgs.', {
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

/** The key pair that serves the org: the one bound to it, else the one key that serves it (never a guess). */
export function profileForOrg(contents: VaultContents, orgId: string, base?: string): Profile | undefined {
  const bound = contents.profiles.find((p) => p.orgIds.includes(orgId));
  if (bound) return bound;
  const serving = profilesServing(contents, orgId, base);
  return serving.length === 1 ? serving[0] : undefined;
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
  insecureHttpConfirmed?: true;
  org?: KeyOrg;
  global?: true;
  projects?: KeyProject[];
}

export function publicProfile(profile: Profile): PublicProfile {
  const { privateKey, ...rest } = profile;
  const view: PublicProfile = { ...rest, orgIds: [...rest.orgIds], maskedPrivateKey: maskSecret(privateKey) };
  if (rest.org) view.org = { ...rest.org };
  if (rest.projects) view.projects = rest.projects.map((p) => ({ ...p }));
  return view;
}
