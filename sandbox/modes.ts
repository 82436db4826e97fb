// The ways the sandbox can answer where the real service's answer is not published: each option picks one
// plausible answer, SANDBOX_MODES names one variant per alternative (the suite runs the user flows in each), and
// answer-sources.ts tags each variant's answers with its name. Switchable at start, by the Sandbox's setModes and
// by `PUT /__sandbox/modes`.

export interface SandboxModeOptions {
  /**
   * What a never-linked org's link answers: 'not-found' (default) 404 for status and DELETE; 'not-synced' status
   * 200 {"status": "NOT_SYNCED"} and DELETE 204.
   */
  unlinkedStatus?: 'not-found' | 'not-synced';
  /**
   * What the status of a link Atlas broke (its Atlas org's DELETE of link tokens) answers: 'not-synced' (default)
   * 200 NOT_SYNCED; 'unlinked' whatever a never-linked org answers (unlinkedStatus).
   */
  revokedLinkStatus?: 'not-synced' | 'unlinked';
  /**
   * false (default): a nonce, once issued, is accepted from any key, as Apache does. true: the first key to sign
   * with a nonce owns it; another key signing with it (right credentials) gets 401 stale=true.
   */
  nonceBoundToUser?: boolean;
  /**
   * Path fragments on which a valid Bearer token is refused anyway with 401 invalid_token (default none), e.g.
   * ['/liveExport/'] to play Cloud Manager refusing service accounts on the link endpoints during its Preview.
   */
  bearerRefusedPaths?: string[];
  /**
   * true (default): every 429 on either API carries Retry-After. false: none does, the wait is only in the body's
   * detail and parameters. The OAuth token endpoint's own 429s keep theirs.
   */
  rateLimitRetryAfter?: boolean;
}

export type SandboxModes = Required<SandboxModeOptions>;

export const DEFAULT_MODES: Readonly<SandboxModes> = {
  unlinkedStatus: 'not-found',
  revokedLinkStatus: 'not-synced',
  nonceBoundToUser: false,
  bearerRefusedPaths: [],
  rateLimitRetryAfter: true,
};

export interface SandboxMode {
  name: string;
  /** What this variant plays, against the default. */
  about: string;
  options: SandboxModeOptions;
}

/** One entry per plausible variant of an unpublished answer; 'default' is every option at its default. */
export const SANDBOX_MODES: readonly SandboxMode[] = [
  { name: 'default', about: 'every unpublished answer at its default', options: {} },
  {
    name: 'unlinked-not-synced',
    about: 'a never-linked org: status 200 NOT_SYNCED, DELETE 204 (default: 404 for both)',
    options: { unlinkedStatus: 'not-synced' },
  },
  {
    name: 'revoked-link-as-unlinked',
    about: 'a link Atlas revoked answers as never linked (default: 200 NOT_SYNCED)',
    options: { revokedLinkStatus: 'unlinked' },
  },
  {
    name: 'nonce-bound-to-user',
    about: 'a nonce another key signed first is stale (default: any key may use it)',
    options: { nonceBoundToUser: true },
  },
  {
    name: 'bearer-refused-on-live-export',
    about: 'Cloud Manager refuses service-account tokens on the link endpoints (default: accepts them)',
    options: { bearerRefusedPaths: ['/liveExport/'] },
  },
  {
    name: 'rate-limit-without-retry-after',
    about: '429s carry no Retry-After, the wait is in the body (default: with Retry-After)',
    options: { rateLimitRetryAfter: false },
  },
];

const KEYS = Object.keys(DEFAULT_MODES) as (keyof SandboxModes)[];

/** Options' mode fields over the defaults; other fields are ignored, a wrong value throws. */
export function modesFrom(options: SandboxModeOptions, base: Readonly<SandboxModes> = DEFAULT_MODES): SandboxModes {
  const next: SandboxModes = { ...base, bearerRefusedPaths: [...base.bearerRefusedPaths] };
  const given = options as Record<string, unknown>;
  const oneOf = (name: string, values: unknown[]) => {
    if (!values.includes(given[name])) throw new Error(`${name} must be one of ${values.join(', ')}`);
  };
  if (given.unlinkedStatus !== undefined) oneOf('unlinkedStatus', ['not-found', 'not-synced']);
  if (given.revokedLinkStatus !== undefined) oneOf('revokedLinkStatus', ['not-synced', 'unlinked']);
  if (given.nonceBoundToUser !== undefined) oneOf('nonceBoundToUser', [true, false]);
  if (given.rateLimitRetryAfter !== undefined) oneOf('rateLimitRetryAfter', [true, false]);
  const paths = given.bearerRefusedPaths;
  if (paths !== undefined && !(Array.isArray(paths) && paths.every((p) => typeof p === 'string'))) {
    throw new Error('bearerRefusedPaths must be a list of path fragments');
  }
  for (const key of KEYS) {
    if (given[key] !== undefined)
      (next as Record<string, unknown>)[key] = key === 'bearerRefusedPaths' ? [...(paths as string[])] : given[key];
  }
  return next;
}

/** The options of a SANDBOX_MODES entry by name; throws for an unknown name. */
export function modeNamed(name: string): SandboxModeOptions {
  const mode = SANDBOX_MODES.find((m) => m.name === name);
  if (!mode) throw new Error(`unknown sandbox mode ${name}; known: ${SANDBOX_MODES.map((m) => m.name).join(', ')}`);
  return mode.options;
}
