// Errors the worker raises itself (vault, input, concurrency), with a kind the UI switches on and safe parameters
// (its variant among them) the pages' words name; its message is the kind and variant, for logs.
import { errorSummary } from '../../core/text/error-summary';
import type { WorkerErrorKind } from '../../shared/errors';

export class WorkerError extends Error {
  readonly kind: WorkerErrorKind;
  readonly params?: Record<string, string>;
  constructor(kind: WorkerErrorKind, params?: Record<string, string>) {
    super(errorSummary(kind, params?.variant));
    this.name = 'WorkerError';
    this.kind = kind;
    this.params = params;
  }
}

/** A key pair asked to serve an org it does not belong to: it never signs a call there. Names its own org. */
export function keyOfOtherOrg(org: { id: string; name: string } | undefined): WorkerError {
  return new WorkerError('key-other-org', org ? { orgId: org.id, orgName: org.name } : undefined);
}
