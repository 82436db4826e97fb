// The validations and migrations the sandbox's Atlas side runs, on a clock a test can move forward
// (`POST /__sandbox/clock`). A migration walks NEW → WORKING (lag falling) → readyForCutover, then COMPLETE after a
// cutover, or EXPIRED 120 hours after it became ready (the spec's LiveMigrationResponse.status). How long each phase
// takes on the real service is not published: the durations below are the sandbox's, short enough for a demo.
import { randomBytes } from 'node:crypto';

export const MIGRATION_TIMELINE = {
  /** A validation job answers PENDING this long, then its result. */
  validationMs: 3_000,
  /** NEW until this long after the start. */
  newMs: 5_000,
  /** WORKING with the lag falling from startLagSeconds to readyLagSeconds over this long; then ready for cutover. */
  syncMs: 60_000,
  startLagSeconds: 600,
  readyLagSeconds: 2,
  /** The cutover window (documented: "this synchronization starts a timer of 120 hours"). */
  cutoverWindowMs: 120 * 3_600_000,
  /** After a cutover, WORKING ("Stopping replication after the cut over") this long, then COMPLETE. */
  cutoverMs: 10_000,
} as const;

/** The sandbox's clock: real time plus whatever a test advanced it by. */
export class SandboxClock {
  private offsetMs = 0;
  now(): number {
    return Date.now() + this.offsetMs;
  }
  advance(ms: number): number {
    this.offsetMs += Math.max(0, ms);
    return this.now();
  }
}

export interface ValidationRecord {
  id: string;
  groupId: string;
  sourceGroupId: string;
  createdAt: number;
  /** Why it fails, decided at creation; undefined = it passes. */
  failure?: string;
}

export interface MigrationRecord {
  id: string;
  /** The Atlas project (destination) and its org. */
  groupId: string;
  atlasOrgId: string;
  sourceGroupId: string;
  sourceClusterName: string;
  destinationClusterName: string;
  migrationHosts: string[];
  dropDestinationData: boolean;
  createdAt: number;
  /** Set when a cutover was accepted. */
  cutoverAt?: number;
  /** A migration whose source fails validation fails once it leaves NEW. */
  failure?: string;
}

export type MigrationStatus = 'NEW' | 'WORKING' | 'FAILED' | 'COMPLETE' | 'EXPIRED';

export interface MigrationState {
  status: MigrationStatus;
  readyForCutover: boolean;
  /** Only while the data is syncing, before the cutover (the spec: "only during an active migration"). */
  lagTimeSeconds?: number;
  /** When it became ready for cutover (the 120-hour window starts), if it did. */
  readyAt?: number;
}

const T = MIGRATION_TIMELINE;
const objectId = () => randomBytes(12).toString('hex');

/** Where a migration stands at `now`. */
export function migrationState(m: MigrationRecord, now: number): MigrationState {
  const age = now - m.createdAt;
  if (age < T.newMs) return { status: 'NEW', readyForCutover: false };
  if (m.failure !== undefined) return { status: 'FAILED', readyForCutover: false };
  const readyAt = m.createdAt + T.newMs + T.syncMs;
  if (m.cutoverAt !== undefined) {
    return { status: now - m.cutoverAt < T.cutoverMs ? 'WORKING' : 'COMPLETE', readyForCutover: false, readyAt };
  }
  if (now < readyAt) {
    const done = (age - T.newMs) / T.syncMs;
    const lag = Math.round(T.startLagSeconds - done * (T.startLagSeconds - T.readyLagSeconds));
    return { status: 'WORKING', readyForCutover: false, lagTimeSeconds: lag };
  }
  if (now >= readyAt + T.cutoverWindowMs) return { status: 'EXPIRED', readyForCutover: false, readyAt };
  return { status: 'WORKING', readyForCutover: true, lagTimeSeconds: T.readyLagSeconds, readyAt };
}

export class MigrationStore {
  readonly validations = new Map<string, ValidationRecord>();
  readonly migrations = new Map<string, MigrationRecord>();

  constructor(readonly clock: SandboxClock) {}

  validate(groupId: string, sourceGroupId: string, failure: string | undefined): ValidationRecord {
    const record: ValidationRecord = { id: objectId(), groupId, sourceGroupId, createdAt: this.clock.now() };
    if (failure !== undefined) record.failure = failure;
    this.validations.set(record.id, record);
    return record;
  }

  start(fields: Omit<MigrationRecord, 'id' | 'createdAt'>): MigrationRecord {
    const record: MigrationRecord = { ...fields, id: objectId(), createdAt: this.clock.now() };
    this.migrations.set(record.id, record);
    return record;
  }

  state(m: MigrationRecord): MigrationState {
    return migrationState(m, this.clock.now());
  }

  /** The Cloud Manager projects with a migration still running into this Atlas org (its revoke answers 409). */
  runningSourceProjects(atlasOrgId: string): string[] {
    const running = [...this.migrations.values()].filter((m) => {
      const { status } = this.state(m);
      return m.atlasOrgId === atlasOrgId && (status === 'NEW' || status === 'WORKING');
    });
    return [...new Set(running.map((m) => m.sourceGroupId))];
  }

  /** Records and their state now, for tests and the demo (`GET /__sandbox/migrations`). */
  list() {
    return [...this.migrations.values()].map((m) => ({ ...m, ...this.state(m) }));
  }
}
