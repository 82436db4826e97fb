// How the worker reaches the service accounts' OAuth client (core/oauth: the token client and its cache, the
// revoke), which comes with its extras, not at each start (#33 item 4): a known org's popup served by an API key
// never needs it. Here, as tests and Node run the source: an ordinary import. The built worker gets
// oauth-loader.sw.ts in its place (vite.config.ts, `singleFileWorker`), which takes it from the extras' script.
import type * as OAuth from '../../core/oauth';

export type { OAuth };

let loaded: typeof OAuth | undefined;

export const loadOAuth = (): Promise<typeof OAuth> =>
  import('../../core/oauth').then((oauth) => {
    loaded = oauth;
    return oauth;
  });

/** The client when this worker life has already loaded it; undefined before. */
export const loadedOAuth = (): typeof OAuth | undefined => loaded;
