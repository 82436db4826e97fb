// The link tokens the sandbox's Atlas side has issued: random and opaque like Atlas's, redeemable on the Cloud
// Manager link endpoint until the Atlas org's DELETE revokes them. Tests read the records, never the raw tokens.
import { createHash, randomBytes } from 'node:crypto';

/** A short, stable id for a token: what logs, link state and tests may hold instead of the token itself. */
export const fingerprint = (token: string): string => createHash('sha256').update(token).digest('hex').slice(0, 16);

/** What a test may know about an issued token. */
export interface AtlasTokenRecord {
  atlasOrgId: string;
  fingerprint: string;
  accessListIps: string[];
  createdAt: number;
  revoked: boolean;
  /** The Cloud Manager orgs linked with it, in order. */
  linkedOrgIds: string[];
}

// 168 random bytes are 224 base64url characters: the length of the tokens Atlas prints, give or take.
const TOKEN_BYTES = 168;

export class AtlasTokenStore {
  // Keyed by the token's full SHA-256, so the raw token is held only by the client that asked for it.
  private readonly byDigest = new Map<string, AtlasTokenRecord>();

  issue(atlasOrgId: string, accessListIps: string[]): string {
    const token = randomBytes(TOKEN_BYTES).toString('base64url');
    this.byDigest.set(digest(token), {
      atlasOrgId,
      fingerprint: fingerprint(token),
      accessListIps: [...accessListIps],
      createdAt: Date.now(),
      revoked: false,
      linkedOrgIds: [],
    });
    return token;
  }

  /** Revokes every token the Atlas org has issued (the DELETE names no token); returns how many were live. */
  revokeAll(atlasOrgId: string): number {
    let count = 0;
    for (const record of this.byDigest.values()) {
      if (record.atlasOrgId !== atlasOrgId || record.revoked) continue;
      record.revoked = true;
      count += 1;
    }
    return count;
  }

  /** The live record for a token a Cloud Manager org presents (noting the org), or undefined. */
  redeem(token: string, cloudManagerOrgId: string): AtlasTokenRecord | undefined {
    const record = this.byDigest.get(digest(token));
    if (!record || record.revoked) return undefined;
    record.linkedOrgIds.push(cloudManagerOrgId);
    return record;
  }

  records(): AtlasTokenRecord[] {
    return [...this.byDigest.values()].map((r) => ({
      ...r,
      accessListIps: [...r.accessListIps],
      linkedOrgIds: [...r.linkedOrgIds],
    }));
  }
}

const digest = (token: string) => createHash('sha256').update(token).digest('hex');
