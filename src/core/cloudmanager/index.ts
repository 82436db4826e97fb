// The Cloud Manager public API layer: ids, UI addresses, link tokens, typed errors (shared with the Atlas side in
// core/atlas) and the API client.
export {
  type CloudManagerApi,
  type CloudManagerApiOptions,
  createCloudManagerApi,
  type FetchLike,
  type GroupOrg,
  type LinkStatus,
  type LinkStatusResult,
  MAX_LISTED,
  type Organization,
  type Project,
} from './api';
export { CloudManagerError, type CloudManagerErrorFacts } from './cloud-manager-error';
export {
  ATLAS_OPERATIONS,
  type AtlasOperation,
  type CloudManagerOperation,
  isAtlasOperation,
} from './error-codes';
export { CLOUD_MANAGER_ERROR_KINDS, type CloudManagerErrorKind, isCloudManagerErrorKind } from './error-kinds';
export { chooseVariant, ERROR_VARIANTS, type ErrorTextParams, variantFor } from './error-variants';
export { type DecodeContext, decodeErrorResponse, describeError } from './errors';
export { assertObjectId, isObjectId, OBJECT_ID } from './ids';
export { DEFAULT_RETRY, type RetryPolicy } from './retry';
export { MAX_LINK_TOKEN_LENGTH, normalizeLinkToken, tokenFingerprint } from './token';
export { CLOUD_MANAGER_BASE, parseUiUrl, type UiLocation } from './ui-url';
