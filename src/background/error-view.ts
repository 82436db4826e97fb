// Turns any thrown value into the ErrorView the pages show: a kind, a sentence, a remedy, and safe parameters.
// Only fields known to be free of secrets are copied: never the request, never a stack with arguments.
import { CloudManagerError, describeError } from '../core/cloudmanager';
import { VaultError } from '../core/vault';
import type { ErrorView } from '../shared/messages';
import { WorkerError } from './worker-error';

const vaultKinds: Record<string, ErrorView['kind']> = {
  'wrong-passphrase': 'wrong-passphrase',
  'weak-passphrase': 'weak-passphrase',
  corrupted: 'vault-corrupted',
  'unsupported-version': 'vault-corrupted',
  // The key pair was deleted meanwhile (another settings tab): choose one again.
  'unknown-profile': 'no-profile',
};

export function toErrorView(error: unknown): ErrorView {
  if (error instanceof WorkerError) return { kind: error.kind, message: error.message, params: error.params };
  if (error instanceof VaultError) {
    return { kind: vaultKinds[error.kind] ?? 'invalid-input', message: error.message };
  }
  const cm = error instanceof CloudManagerError ? error : describeError(error);
  const params: Record<string, string> = { ...cm.params, variant: cm.variant };
  if (cm.errorCode) params.errorCode = cm.errorCode;
  if (cm.status !== undefined) params.status = String(cm.status);
  return { kind: cm.kind, message: cm.message, remedy: cm.remedy, params };
}
