// The toolbar icon's pixels are decoded once per icon per worker life and handed to setIcon as ImageData at the two
// sizes the toolbar shows (16 and 32 px): Chromium's setIcon with paths fetched and decoded every image again on each
// call in the worker's thread (56 ms a call with four sizes, measured). A worker that cannot decode gives the paths.
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const fetched: string[] = [];
const sizeOf = (url: string) => Number(/-(\d+)\.png$/.exec(url)?.[1]);

function stubDecoding(options: { failOn?: RegExp } = {}) {
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      fetched.push(url);
      return { blob: async () => ({ url }) };
    }),
  );
  vi.stubGlobal('createImageBitmap', async (blob: { url: string }) => {
    if (options.failOn?.test(blob.url)) throw new Error('cannot decode');
    return { width: sizeOf(blob.url), height: sizeOf(blob.url), url: blob.url };
  });
  vi.stubGlobal(
    'OffscreenCanvas',
    class {
      constructor(
        readonly width: number,
        readonly height: number,
      ) {}
      getContext() {
        let drawn = '';
        return {
          drawImage: (image: { url: string }) => {
            drawn = image.url;
          },
          getImageData: (_x: number, _y: number, width: number, height: number) => ({ width, height, drawn }),
        };
      }
    },
  );
}

async function fresh() {
  vi.resetModules();
  return import('../../../../src/background/orgs/tab-icon');
}

const setIconCalls = () =>
  vi.mocked(fake.browser.action.setIcon).mock.calls.map(([details]) => details as Record<string, unknown>);

beforeEach(() => {
  fetched.length = 0;
  vi.spyOn(fake.browser.action, 'setIcon');
});
afterEach(() => {
  vi.unstubAllGlobals();
  vi.restoreAllMocks();
});

describe('setTabIcon', () => {
  it('decodes each icon once, however many tabs and paints, and hands its pixels over at 16 and 32 px', async () => {
    stubDecoding();
    const { setTabIcon } = await fresh();
    // A status check's two paints (busy, then the result), the result again on a second tab, busy again.
    await setTabIcon(1, 'busy');
    await setTabIcon(1, 'synced');
    await setTabIcon(2, 'synced');
    await setTabIcon(1, 'busy');
    expect(fetched.map((url) => url.replace(/^.*\/icons\//, ''))).toEqual([
      'icon-busy-16.png',
      'icon-busy-32.png',
      'icon-synced-16.png',
      'icon-synced-32.png',
    ]);
    const calls = setIconCalls();
    expect(calls.map((c) => c.tabId)).toEqual([1, 1, 2, 1]);
    for (const call of calls) {
      expect(call).not.toHaveProperty('path');
      const pixels = call.imageData as Record<string, { width: number; height: number; drawn: string }>;
      expect(Object.keys(pixels)).toEqual(['16', '32']);
      expect(pixels['16']).toMatchObject({ width: 16, height: 16 });
      expect(pixels['32']).toMatchObject({ width: 32, height: 32 });
    }
    const second = calls[2]!.imageData as Record<string, { drawn: string }>;
    expect(second['32']!.drawn).toMatch(/icon-synced-32\.png$/);
  });

  it('gives the paths at 16 and 32 px when an icon cannot be decoded, and does not try that icon again', async () => {
    stubDecoding({ failOn: /icon-error-32/ });
    const { setTabIcon } = await fresh();
    await setTabIcon(4, 'error');
    await setTabIcon(4, 'error');
    await setTabIcon(4, '');
    const calls = setIconCalls();
    expect(calls[0]).toEqual({ tabId: 4, path: { 16: '/icons/icon-error-16.png', 32: '/icons/icon-error-32.png' } });
    expect(calls[1]).toEqual(calls[0]);
    expect(Object.keys(calls[2]!.imageData as object)).toEqual(['16', '32']);
    expect(fetched.filter((url) => url.includes('icon-error'))).toHaveLength(2);
  });

  it('gives the paths where the worker cannot decode at all (no OffscreenCanvas)', async () => {
    const { setTabIcon } = await fresh();
    await setTabIcon(5, 'not-synced');
    expect(setIconCalls()).toEqual([
      { tabId: 5, path: { 16: '/icons/icon-not-synced-16.png', 32: '/icons/icon-not-synced-32.png' } },
    ]);
    expect(fetched).toEqual([]);
  });
});
