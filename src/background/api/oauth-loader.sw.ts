// The built worker's way to the OAuth client, in place of oauth-loader.ts (vite.config.ts, `singleFileWorker`): the
// extras' script holds it (background/extras.ts exports it as `oauth`), loaded as any extras message loads it.
import type * as OAuth from '../../core/oauth';
import { loadExtras, loadedExtras } from '../messaging/load-extras.sw';

export type { OAuth };

export const loadOAuth = (): Promise<typeof OAuth> => loadExtras().then((extras) => extras.oauth);

export const loadedOAuth = (): typeof OAuth | undefined => loadedExtras()?.oauth;
