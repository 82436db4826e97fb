// Turns any thrown value into the ErrorView the pages show: a kind and safe parameters (its variant among them);
// the pages find the words in the message catalogues.
// Only fields known to be free of secrets are copied: never the request, never a stack with arguments.
// Local faults stay local: a crypto or decoding failure reads as a damaged vault, any other unexpected exception as
// an internal error; only failures the Digest client or the API decoded (with a kind) speak of the network.
import { CloudManagerError, describeError } from '../../core/cloudmanager';
import { VaultError } from '../../core/vault';
import type { ErrorView } from '../../shared/domain';
import { WorkerError } from './worker-error';

const vaultKinds: Record<string, ErrorView['kind']> = {
  'wrong-passphrase': 'wrong-passphrase',
  'weak-passphrase': 'weak-passphrase',
  corrupted: 'vault-corrupted',
  'unsupported-version': 'vault-corrupted',
  // The key pair was deleted meanwhile (another settings tab): choose one again.
  'unknown-profile': 'no-profile',
  'invalid-backup': 'invalid-backup',
};

// Field problems whose text names the field: the variant carries the field (error_invalid_input_<variant>_<field>).
const FIELD_VARIANTS = new Set(['unsendable-character', 'control-character', 'too-long']);

function vaultView(error: VaultError): ErrorView {
  const params: Record<string, string> = { ...error.params };
  if (error.variant) {
    params.variant =
      error.field && FIELD_VARIANTS.has(error.variant) ? `${error.variant}-${error.field}` : error.variant;
  }
  if (error.field) params.field = error.field;
  return {
    kind: vaultKinds[error.kind] ?? 'invalid-input',
    ...(Object.keys(params).length ? { params } : {}),
  };
}

// What WebCrypto and the base64/JSON decoders throw on bad stored bytes (a bad IV, a cut ciphertext, garbage).
const DECODING_FAULTS = new Set(['OperationError', 'DataError', 'InvalidCharacterError', 'InvalidAccessError']);

function localFault(error: unknown): ErrorView | undefined {
  if (error instanceof CloudManagerError) return undefined;
  const kind = (error as { kind?: unknown } | null)?.kind;
  if (typeof kind === 'string') return undefined; // decoded by the Digest client or the API: theirs to describe
  const name = (error as { name?: unknown } | null)?.name;
  if (typeof name === 'string' && DECODING_FAULTS.has(name)) {
    return { kind: 'vault-corrupted' };
  }
  return { kind: 'internal' };
}

export function toErrorView(error: unknown): ErrorView {
  if (error instanceof WorkerError)
    return error.params ? { kind: error.kind, params: error.params } : { kind: error.kind };
  if (error instanceof VaultError) return vaultView(error);
  const local = localFault(error);
  if (local) return local;
  const cm = error instanceof CloudManagerError ? error : describeError(error);
  const params: Record<string, string> = { ...cm.params, variant: cm.variant };
  if (cm.errorCode) params.errorCode = cm.errorCode;
  if (cm.status !== undefined) params.status = String(cm.status);
  return { kind: cm.kind, params };
}
