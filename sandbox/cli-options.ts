// `npm run sandbox` flags → SandboxOptions: ports, latency, and the modes of the unpublished answers, either by a
// SANDBOX_MODES name (--mode, repeatable) or one flag each; a flag given after --mode wins over it.
import { parseArgs } from 'node:util';
import { modeNamed, modesFrom, type SandboxModeOptions } from './modes';
import type { SandboxOptions } from './server';

export const CLI_USAGE = `npm run sandbox -- [flags]
  --https-port N (8443)  --http-port N (8080)  --latency MS (0)
  --mode NAME                       a SANDBOX_MODES entry (repeatable): default, unlinked-not-synced,
                                    revoked-link-as-unlinked, nonce-bound-to-user, bearer-refused-on-live-export,
                                    rate-limit-without-retry-after
  --unlinked-status not-found|not-synced
  --revoked-link-status not-synced|unlinked
  --nonce-bound-to-user             a nonce belongs to the first key that signs with it
  --bearer-refused-path FRAGMENT    refuse Bearer tokens on paths holding it (repeatable), e.g. /liveExport/
  --no-retry-after                  429s without Retry-After (the token endpoint's own keep it)`;

export function parseSandboxArgs(args: string[]): SandboxOptions & { help: boolean } {
  const { values } = parseArgs({
    args,
    options: {
      'https-port': { type: 'string', default: '8443' },
      'http-port': { type: 'string', default: '8080' },
      latency: { type: 'string', default: '0' },
      mode: { type: 'string', multiple: true },
      'unlinked-status': { type: 'string' },
      'revoked-link-status': { type: 'string' },
      'nonce-bound-to-user': { type: 'boolean' },
      'bearer-refused-path': { type: 'string', multiple: true },
      'no-retry-after': { type: 'boolean' },
      help: { type: 'boolean', default: false },
    },
  });
  let modes = modesFrom({});
  for (const name of values.mode ?? []) modes = modesFrom(modeNamed(name), modes);
  const flags: Record<string, unknown> = {
    unlinkedStatus: values['unlinked-status'],
    revokedLinkStatus: values['revoked-link-status'],
    nonceBoundToUser: values['nonce-bound-to-user'],
    bearerRefusedPaths: values['bearer-refused-path'],
    rateLimitRetryAfter: values['no-retry-after'] ? false : undefined,
  };
  modes = modesFrom(flags as SandboxModeOptions, modes);
  return {
    httpsPort: Number(values['https-port']),
    httpPort: Number(values['http-port']),
    latencyMs: Number(values.latency),
    ...modes,
    help: values.help ?? false,
  };
}
