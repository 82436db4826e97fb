// How the worker reaches its extras (background/extras.ts). Here, as tests and Node run the source: an ordinary
// import. The built worker gets load-extras.sw.ts in its place (vite.config.ts), which loads the extras' own script.
import type * as Extras from '../extras';

export type { Extras };

export const loadExtras = (): Promise<typeof Extras> => import('../extras');

/** Nothing to keep where the extras are a module: see load-extras.sw.ts. */
export function keepExtrasInstalled(): void {}
