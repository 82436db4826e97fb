// Errors the worker raises itself (vault, input, concurrency), with a kind the UI switches on.
import type { WorkerErrorKind } from '../shared/errors';

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
