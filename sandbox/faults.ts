// Fault injection, switchable per test: latency, 500, connection reset, an HTML error page, a slow answer,
// rate limiting and an upgrade window. Infrastructure faults hit every matching request; the faults a real
// server raises while processing (429, 500, 405) hit only requests that passed authentication. They apply to the
// Atlas v2 paths as well, where a 429 carries Atlas's RATE_LIMITED_TOKEN_BUCKET instead of RATE_LIMITED.
export type FaultKind = 'latency' | 'server-error' | 'reset' | 'html' | 'slow' | 'rate-limit' | 'upgrade';

export interface Fault {
  match?: { method?: string; pathIncludes?: string };
  kind: FaultKind;
  ms?: number;
  retryAfterSeconds?: number;
  /** How many requests it hits; unlimited when absent. */
  times?: number;
}

export const INFRASTRUCTURE: ReadonlySet<FaultKind> = new Set(['latency', 'reset', 'html', 'slow']);

export class FaultTable {
  private faults: Fault[] = [];

  set(faults: Fault[]): void {
    this.faults = faults.map((f) => ({ ...f }));
  }

  clear(): void {
    this.faults = [];
  }

  /** The first matching fault of the given stage, consuming one of its `times`. */
  take(method: string, path: string, stage: 'infrastructure' | 'application'): Fault | undefined {
    const index = this.faults.findIndex(
      (f) =>
        INFRASTRUCTURE.has(f.kind) === (stage === 'infrastructure') &&
        (!f.match?.method || f.match.method.toUpperCase() === method) &&
        (!f.match?.pathIncludes || path.includes(f.match.pathIncludes)) &&
        (f.times === undefined || f.times > 0),
    );
    if (index < 0) return undefined;
    const fault = this.faults[index]!;
    if (fault.times !== undefined) fault.times -= 1;
    return fault;
  }

  list(): Fault[] {
    return this.faults.map((f) => ({ ...f }));
  }
}
