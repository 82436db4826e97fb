// The kinds of source an answer of the sandbox can have (see answer-sources.ts, the table that uses them):
// recorded from the real service, documented by MongoDB, or assumed by this project, with why.

/** Where an answer was seen. `oauth` rows are listed for completeness: service-accounts.ts builds them. */
export type AnswerSide = 'cloud-manager' | 'atlas' | 'oauth';

export type AnswerSource =
  | { kind: 'recorded'; repo: string; path: string; commit: string; date: string }
  | { kind: 'documented'; where: string }
  | { kind: 'assumed'; why: string };

export interface AnswerRow {
  sides: readonly AnswerSide[];
  status: number;
  /** The MMS errorCode (or OAuth `error`); null for a success. */
  errorCode: string | null;
  situation: string;
  /** The SANDBOX_MODES entry this answer belongs to, when it is one plausible variant among others. */
  mode?: string;
  source: AnswerSource;
}

/** The Atlas CLI's end-to-end recordings: real HTTP answers, published verbatim. */
export const ATLAS_CLI_RECORDINGS = {
  repo: 'mongodb/mongodb-atlas-cli',
  commit: '8ddea41a82ec904146d5f1b8d6578acedcc4a3a6',
  date: '2026-08-10',
} as const;

/** A recording at test/e2e/<path> of the Atlas CLI at that commit. */
export const recorded = (path: string): AnswerSource => ({
  kind: 'recorded',
  ...ATLAS_CLI_RECORDINGS,
  path: `test/e2e/${path}`,
});
export const documented = (where: string): AnswerSource => ({ kind: 'documented', where });
export const assumed = (why: string): AnswerSource => ({ kind: 'assumed', why });
