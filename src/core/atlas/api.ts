// The Atlas Admin API v2 calls this extension makes (link tokens, orgs), over any fetch-compatible function (the
// Digest layer in the extension, a plain function in tests). Every failure is thrown as a CloudManagerError.
import { assertObjectId, CloudManagerError } from '../cloudmanager';
import { readBodyText } from '../cloudmanager/response-body';
import { type AtlasOrganization, readLinkToken, readListedOrg, readOrganization } from './answers';
import { listAll } from './listing';
import { type AtlasTransportOptions, createAtlasTransport } from './transport';

export type AtlasApiOptions = AtlasTransportOptions;

export type LinkTokenOptions = {
  /**
   * The Ops Manager server's external IP addresses or CIDR blocks, which Atlas puts on the access list of the API
   * key the token embeds. None for a Cloud Manager source: Atlas fills that list itself.
   */
  accessListIps?: readonly string[];
};

export interface AtlasApi {
  /** `POST /orgs/{id}/liveMigrations/linkTokens`: a new link token. Never repeated here: a retry could make two. */
  createLinkToken(atlasOrgId: string, options?: LinkTokenOptions): Promise<string>;
  /**
   * `DELETE /orgs/{id}/liveMigrations/linkTokens`: removes the org's link (its token and the API key it embeds; the
   * call names no token). 'nothing-to-revoke' when Atlas had none (recorded: 404 UNEXPECTED_ERROR).
   */
  revokeLinkTokens(atlasOrgId: string): Promise<RevokeOutcome>;
  /** `GET /orgs`, every page: the Atlas orgs the key can see, deleted ones left out. */
  listOrgs(): Promise<AtlasOrganization[]>;
  /** `GET /orgs/{id}`: the org's name, to tell which org a key pair serves. */
  organization(atlasOrgId: string): Promise<AtlasOrganization>;
}

export type RevokeOutcome = 'revoked' | 'nothing-to-revoke';

const orgPath = (atlasOrgId: string) => `/orgs/${assertObjectId(atlasOrgId, 'org')}`;
const tokensPath = (atlasOrgId: string) => `${orgPath(atlasOrgId)}/liveMigrations/linkTokens`;

/**
 * The create request's body. Without addresses the field is left out, not sent empty: the field is optional, and
 * what Atlas makes of an explicitly empty list (no access at all, or "fill it yourself") is not published.
 */
function linkTokenBody(accessListIps: readonly string[] | undefined): string {
  return JSON.stringify(accessListIps?.length ? { accessListIps: [...accessListIps] } : {});
}

export function createAtlasApi(options: AtlasApiOptions): AtlasApi {
  const { send, sendForJson } = createAtlasTransport(options);

  return {
    async createLinkToken(atlasOrgId, { accessListIps } = {}) {
      const path = tokensPath(atlasOrgId);
      const body = linkTokenBody(accessListIps);
      return readLinkToken(await sendForJson({ method: 'POST', path, operation: 'create-token', body }));
    },

    async revokeLinkTokens(atlasOrgId) {
      let response: Response;
      try {
        response = await send({ method: 'DELETE', path: tokensPath(atlasOrgId), operation: 'revoke-token' });
      } catch (error) {
        // Nothing to remove is an outcome, not a failure: what the user asked for holds.
        if (error instanceof CloudManagerError && error.kind === 'not-linked') return 'nothing-to-revoke';
        throw error;
      }
      await readBodyText(response); // frees the connection: a 204 (or 200) says all there is
      return 'revoked';
    },

    listOrgs() {
      return listAll(sendForJson, { path: '/orgs', operation: 'atlas-orgs' }, readListedOrg);
    },

    async organization(atlasOrgId) {
      const path = orgPath(atlasOrgId);
      return readOrganization(await sendForJson({ method: 'GET', path, operation: 'atlas-org' }), atlasOrgId);
    },
  };
}
