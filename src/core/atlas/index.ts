// The Atlas Admin API v2 layer: link tokens and orgs, with the Cloud Manager layer's typed errors and decoding.

export { type AtlasOrganization, readLinkToken, readListedOrg, readOrganization } from './answers';
export { type AtlasApi, type AtlasApiOptions, createAtlasApi, type LinkTokenOptions, type RevokeOutcome } from './api';
export { atlasApiRoot, isAtlasForGovernment } from './base-url';
export { ATLAS_MEDIA_TYPE } from './transport';
