// Errors the worker raises itself (vault, input, concurrency), with a kind the UI switches on.
import type { WorkerErrorKind } from '../../shared/errors';

export class WorkerError extends Error {
  readonly kind: WorkerErrorKind;
  readonly params?: Record<string, string>;
  constructor(kind: WorkerErrorKind, message: string, params?: Record<string, string>) {
    super(message);
    this.name = 'WorkerError';
    this.kind = kind;
    this.params = params;
  }
}

/** A key pair asked to serve an org it does not belong to: it never signs a call there. Names its own org. */
export function keyOfOtherOrg(org: { id: string; name: string } | undefined): WorkerError {
  return new WorkerError(
    'key-other-org',
    org
      ? `This key pair belongs to the org ${org.name} (${org.id}), not to this one.`
      : 'This key pair belongs to another org: it is never used for this one.',
    org ? { orgId: org.id, orgName: org.name } : undefined,
  );
}
