// The vault's contents as the code sees them once opened: key pairs (profiles) with the org each key belongs to.

/**
 * Which API a key pair's key is for: a Cloud Manager org, an Ops Manager server, or an Atlas org (the target of a
 * migration, whose key makes link tokens). A key never serves the other side's calls.
 */
export type KeySide = 'cloud-manager' | 'ops-manager' | 'atlas';

export interface Profile {
  id: string;
  label: string;
  /**
   * Set on every key pair the vault or a backup yields (validate.ts derives it for contents written before sides
   * existed); optional in the type only for objects built by hand: read it with profileSide().
   */
  side?: KeySide;
  /**
   * How the pair signs in: an API key (HTTP Digest; absent means this) or a service account (OAuth 2.0 client
   * credentials: `publicKey` holds the client id, `privateKey` the client secret, kept and masked alike).
   */
  credential?: KeyCredential;
  publicKey: string;
  privateKey: string;
  baseUrl: string;
  orgIds: string[];
  createdAt: number;
  updatedAt: number;
  /** Set when the user accepted an http:// server beyond this machine (see normalizeBaseUrl). */
  insecureHttpConfirmed?: true;
  /**
   * The one org the key belongs to, as the server answered `GET /orgs` when the key pair was saved or tested.
   * Absent on a global key and on key pairs saved before keys were identified (those serve their bound orgs only).
   */
  org?: KeyOrg;
  /** An Ops Manager global key: it may serve every org on its own server, never another server's. */
  global?: true;
  /** The projects of the key's org, learnt from the API: project pages find their org here without a call. */
  projects?: KeyProject[];
  /**
   * Ops Manager only: the server's external IPv4/IPv6 addresses or CIDR blocks, in normal form (not secret). A link
   * token made for one of its orgs carries them as `accessListIps`.
   */
  accessListIps?: string[];
}

export type KeyCredential = 'api-key' | 'service-account';

export interface KeyOrg {
  id: string;
  name: string;
}

export interface KeyProject {
  id: string;
  name: string;
}

export interface VaultContents {
  version: 1;
  profiles: Profile[];
}
