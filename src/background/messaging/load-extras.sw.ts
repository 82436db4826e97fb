// The built worker's way to its extras (background/extras.ts), in place of load-extras.ts (vite.config.ts,
// `singleFileWorker`): the extras are a classic script of their own, `var __cmExtras = …`, that takes the worker's
// modules from `globalThis.__cmShared`.
//
// Chromium: a service worker may import a script after its install only if it imported it during the install, when
// the script was stored with the worker; the install imports it once (a cheap evaluation: it only defines), and from
// then on, at each start, nothing loads it until a message or an alarm needs it, then `importScripts` reads the stored
// copy. Firefox runs the background as an event page, which has no importScripts: its manifest lists the extras after
// the worker's script, so they are there before any message is handled.
import type * as Extras from '../extras';

export type { Extras };

/** The extras' file inside the package, as the build wrote it (`assets/worker-extras-<hash>.js`). */
declare const __CM_EXTRAS_FILE__: string;

const scope = globalThis as unknown as { __cmExtras?: typeof Extras; importScripts?: (url: string) => void };

export function loadExtras(): Promise<typeof Extras> {
  try {
    if (!scope.__cmExtras && scope.importScripts) scope.importScripts(`/${__CM_EXTRAS_FILE__}`);
  } catch (error) {
    return Promise.reject(error);
  }
  const extras = scope.__cmExtras;
  return extras ? Promise.resolve(extras) : Promise.reject(new Error('the worker has no extras'));
}

/** Registered at the worker's start: the install stores the extras' script with the worker (see above). */
export function keepExtrasInstalled(): void {
  if (!scope.importScripts) return;
  globalThis.addEventListener('install', () => {
    scope.importScripts?.(`/${__CM_EXTRAS_FILE__}`);
  });
}

/** The extras when this worker life has already loaded them (Firefox's event page has them from its start). */
export function loadedExtras(): typeof Extras | undefined {
  return scope.__cmExtras;
}
