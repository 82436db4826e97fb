// A fetch for worker tests that sends the fixed https://cloud.mongodb.com address to an in-process sandbox over
// HTTP, and hands each request and answer to `observe` (to note tokens crossing the wire). The answer reads as coming
// from the address asked: the API clients refuse an answer from anywhere else. Use it as
//   vi.stubGlobal('fetch', sandboxFetch(() => sb, observe));
import type { Sandbox } from '../../sandbox/server';

const CLOUD = 'https://cloud.mongodb.com';

export function sandboxFetch(
  sandbox: () => Sandbox,
  observe?: (url: string, init: RequestInit | undefined, response: Response) => Promise<void> | void,
): typeof fetch {
  const realFetch = globalThis.fetch;
  return async (input: RequestInfo | URL, init?: RequestInit) => {
    const asked = String(input);
    const url = asked.replace(CLOUD, sandbox().httpUrl!);
    const response = await realFetch(url, init);
    await observe?.(url, init, response);
    Object.defineProperty(response, 'url', { value: asked });
    return response;
  };
}

/** An observer for sandboxFetch that notes every link token crossing the wire: pasted or posted, and made by Atlas. */
export function noteLinkTokens(seen: Set<string>) {
  return async (url: string, init: RequestInit | undefined, response: Response) => {
    if (typeof init?.body === 'string' && init.body.includes('linkToken')) seen.add(JSON.parse(init.body).linkToken);
    if (url.includes('/liveMigrations/linkTokens') && init?.method === 'POST' && response.ok) {
      seen.add(JSON.parse(await response.clone().text()).linkToken);
    }
  };
}
