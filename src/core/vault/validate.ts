// Checks everything the vault decrypts, field by field, before any other code sees it: the stored vault at every
// open, a backup before it is previewed, merged or adopted. Only known fields come out; errors name the profile
// and the field in words, never a value (a value may be a private key).
import { characterCount } from '../text/display-safe';
import { baseUrlOrigin, isInsecureHttp } from './base-url';
import { isKeyCredential } from './credentials';
import { readAddressList } from './external-addresses';
import { cut } from './identity';
import {
  cleanedLabel,
  type FieldProblem,
  hasControlCharacter,
  keyProblem,
  labelProblem,
  MAX_NAME_LENGTH,
  MAX_ORGS_PER_PROFILE,
  MAX_PROFILES,
  MAX_PROJECTS_PER_PROFILE,
  ORG_ID,
  PROFILE_ID,
} from './profile-rules';
import { sideProblem } from './side-rules';
import { deriveSide, isKeySide } from './sides';
import type { KeyOrg, KeyProject, KeySide, Profile, VaultContents } from './types';
import { VaultError, type VaultErrorDetails, type VaultErrorField } from './vault-error';

/**
 * 'vault': the stored vault, which only this extension's code has written. Its server address must already be in
 * normal form. Rules that earlier versions did not apply when a key pair was saved (the characters and length of
 * keys and names, confirming http://) are not enforced here: a vault that opened yesterday must not become
 * unopenable, taking every key pair with it. findProfileProblem() tells the UI which key pairs to fix.
 * 'backup': a file from outside. Every rule applies; the server address is normalised.
 */
export type ContentsSource = 'vault' | 'backup';

type Raw = Record<string, unknown>;
const isRecord = (x: unknown): x is Raw => !!x && typeof x === 'object' && !Array.isArray(x);

export function validateContents(raw: unknown, source: ContentsSource): VaultContents {
  const fail = (details: VaultErrorDetails) =>
    new VaultError(source === 'vault' ? 'corrupted' : 'invalid-backup', details);
  if (!isRecord(raw)) throw fail({ variant: 'not-contents' });
  if (raw.version !== 1) {
    if (typeof raw.version === 'number' && raw.version > 1) {
      throw source === 'vault'
        ? new VaultError('unsupported-version')
        : new VaultError('invalid-backup', { variant: 'newer-version' });
    }
    throw fail({ variant: 'not-contents' });
  }
  if (!Array.isArray(raw.profiles)) throw fail({ variant: 'not-contents' });
  if (raw.profiles.length > MAX_PROFILES) {
    throw fail({
      variant: 'too-many-profiles',
      params: { max: String(MAX_PROFILES) },
    });
  }
  const idOwners = new Map<string, number>();
  const orgOwners = new Map<string, number>();
  const profiles = raw.profiles.map((p: unknown, i) => {
    const position = i + 1;
    const params = { profile: String(position) };
    const at = (field: VaultErrorField, problem: FieldProblem) => fail({ variant: problem, field, params });
    const text = (field: VaultErrorField, value: unknown): string => {
      if (typeof value !== 'string') throw at(field, 'not-text');
      return value;
    };
    const time = (field: VaultErrorField, value: unknown): number => {
      if (
        // Stryker disable next-line ConditionalExpression: Number.isFinite is false for anything that is not a number too
        typeof value !== 'number' ||
        !Number.isFinite(value) ||
        value < 0
      ) {
        throw at(field, 'bad-time');
      }
      return value;
    };
    if (!isRecord(p)) throw fail({ variant: 'not-a-profile', params });

    const id = text('id', p.id);
    if (!PROFILE_ID.test(id)) throw at('id', 'bad-format');
    const sameId = idOwners.get(id);
    if (sameId !== undefined) {
      throw fail({
        variant: 'duplicate-id',
        field: 'id',
        params: { ...params, otherProfile: String(sameId) },
      });
    }
    idOwners.set(id, position);

    const savedLabel = text('label', p.label);
    // A backup with a character no form ever let through was not written by this extension. The text-direction
    // characters the display-safe rule refuses since are cleaned, not refused: a vault or backup saved before opens.
    if (source === 'backup' && hasControlCharacter(savedLabel)) throw at('label', 'control-character');
    const label = cleanedLabel(savedLabel);
    const labelFault = labelProblem(label);
    if (labelFault && (source === 'backup' || labelFault === 'empty')) throw at('label', labelFault);
    const publicKey = text('publicKey', p.publicKey);
    const privateKey = text('privateKey', p.privateKey);
    for (const [field, key] of [
      ['publicKey', publicKey],
      ['privateKey', privateKey],
    ] as const) {
      const fault = keyProblem(key);
      if (fault && (source === 'backup' || fault === 'empty')) throw at(field, fault);
    }

    const saved = text('baseUrl', p.baseUrl);
    if (!saved.trim()) throw at('baseUrl', 'empty');
    let baseUrl: string;
    try {
      baseUrl = baseUrlOrigin(saved);
    } catch {
      throw at('baseUrl', 'bad-format');
    }
    if (source === 'vault' && baseUrl !== saved) throw at('baseUrl', 'not-normalised');
    const confirmed = p.insecureHttpConfirmed;
    if (confirmed !== undefined && typeof confirmed !== 'boolean') throw at('insecureHttpConfirmed', 'bad-format');

    if (!Array.isArray(p.orgIds)) throw at('orgIds', 'not-a-list');
    if (p.orgIds.length > MAX_ORGS_PER_PROFILE) throw at('orgIds', 'too-many');
    const orgIds = new Set<string>();
    p.orgIds.forEach((orgId: unknown, k) => {
      if (typeof orgId !== 'string' || !ORG_ID.test(orgId)) {
        throw fail({
          variant: 'bad-org-id',
          field: 'orgIds',
          params: { ...params, org: String(k + 1) },
        });
      }
      const owner = orgOwners.get(orgId);
      if (owner !== undefined && owner !== position) {
        throw fail({
          variant: 'org-bound-twice',
          field: 'orgIds',
          params: { ...params, otherProfile: String(owner) },
        });
      }
      orgOwners.set(orgId, position);
      orgIds.add(orgId);
    });

    // What the server said about the key: its org (one), or that it is a global key, and the org's projects.
    const named = (field: VaultErrorField, value: unknown): KeyOrg | KeyProject => {
      if (!isRecord(value)) throw at(field, 'bad-format');
      const entryId = text(field, value.id);
      const name = text(field, value.name);
      // Names were always cut and cleaned of controls when learnt; the text-direction characters kept before the
      // display-safe rule are cleaned here, so a vault saved then opens and shows them cleaned.
      if (!ORG_ID.test(entryId) || characterCount(name) > MAX_NAME_LENGTH || hasControlCharacter(name)) {
        throw at(field, 'bad-format');
      }
      return { id: entryId, name: cut(name) };
    };
    const org = p.org === undefined ? undefined : named('org', p.org);
    if (p.global !== undefined && p.global !== true) throw at('global', 'bad-format');
    if (org && p.global === true) throw at('global', 'bad-format');
    if (org && [...orgIds].some((o) => o !== org.id)) {
      throw fail({
        variant: 'other-org',
        field: 'orgIds',
        params,
      });
    }
    let projects: KeyProject[] | undefined;
    if (p.projects !== undefined) {
      if (!Array.isArray(p.projects)) throw at('projects', 'not-a-list');
      if (p.projects.length > MAX_PROJECTS_PER_PROFILE) throw at('projects', 'too-many');
      projects = p.projects.map((q: unknown) => named('projects', q));
    }
    const side = sideOf(p, { baseUrl, global: p.global === true, org, orgIds, projects }, at);
    // Absent: an API key (written before service accounts existed, or an API key since).
    if (p.credential !== undefined && !isKeyCredential(p.credential)) throw at('credential', 'bad-format');
    // The forms' rule (side-rules.ts) holds for every backup and merge. A stored vault that breaks it still opens
    // (no other key pair is lost): requireSideRule refuses that key pair before any call, findProfileProblem names it.
    const sideFault = sideProblem({ side, credential: p.credential ?? 'api-key', baseUrl });
    if (sideFault && source === 'backup') {
      throw fail({
        variant: sideFault.variant,
        field: sideFault.field,
        params,
      });
    }
    const accessListIps = addressesOf(p.accessListIps, side, at);

    const profile: Profile = {
      id,
      label,
      publicKey,
      privateKey,
      baseUrl,
      orgIds: [...orgIds],
      createdAt: time('createdAt', p.createdAt),
      updatedAt: time('updatedAt', p.updatedAt),
    };
    // The confirmation only means something for an http:// server beyond this machine.
    if (confirmed === true && isInsecureHttp(baseUrl)) profile.insecureHttpConfirmed = true;
    if (org) profile.org = org;
    if (p.global === true) profile.global = true;
    if (projects) profile.projects = projects;
    // Contents written before sides existed stay as they were (profileSide() derives theirs); a side is kept.
    if (p.side !== undefined) profile.side = side;
    if (p.credential !== undefined) profile.credential = p.credential;
    if (accessListIps) profile.accessListIps = accessListIps;
    return profile;
  });
  return { version: 1, profiles };
}

type FieldFault = (field: VaultErrorField, problem: FieldProblem) => VaultError;

/**
 * The key pair's side: strictly one of the three when written, derived when absent (contents and backups written
 * before sides existed). An Atlas key pair is the key of the one Atlas org the Atlas API named: it has that org, no
 * Cloud Manager org bound, no projects, and is never a global key; only Ops Manager has global keys.
 */
function sideOf(
  p: Raw,
  known: { baseUrl: string; global: boolean; org?: KeyOrg; orgIds: Set<string>; projects?: KeyProject[] },
  at: FieldFault,
): KeySide {
  if (p.side !== undefined && !isKeySide(p.side)) throw at('side', 'bad-format');
  const side = p.side ?? deriveSide(known);
  if (known.global && side !== 'ops-manager') throw at('global', 'bad-format');
  if (side === 'atlas') {
    if (!known.org) throw at('org', 'empty');
    if (known.orgIds.size > 0) throw at('orgIds', 'bad-format');
    if (known.projects) throw at('projects', 'bad-format');
  }
  return side;
}

/** An Ops Manager key pair's external addresses, in normal form; no other side has any. */
function addressesOf(value: unknown, side: KeySide, at: FieldFault): string[] | undefined {
  if (value === undefined) return undefined;
  if (side !== 'ops-manager') throw at('accessListIps', 'bad-format');
  const read = readAddressList(value);
  if (!read) throw at('accessListIps', 'not-a-list');
  if (!read.ok) throw at('accessListIps', read.tooMany ? 'too-many' : 'bad-format');
  return read.addresses;
}
