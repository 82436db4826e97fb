// The vault's contents as the code sees them once opened: key pairs (profiles) with the org each key belongs to.
export interface Profile {
  id: string;
  label: string;
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
}

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
