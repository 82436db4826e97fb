// A tab's toolbar icon, by name ('' for the plain tile, 'synced', 'busy', ...; public/icons). Chromium's setIcon with
// paths fetches and decodes every image again on each call, in the worker's own thread: 18 ms a call for the 16 and
// 32 px images, 56 ms with the 48 and 128 px ones the toolbar never shows (medians of 8, measured in Chromium), and a
// status check paints twice (busy, then the result), while the popup waits on the same thread for its answers. Here
// each icon's pixels are decoded once per worker life and handed over as ImageData (1.4 ms a call). A worker that
// cannot decode (no OffscreenCanvas, or a failed decode) gives the paths, as before.
import { browser, type IconPixels } from '../platform/browser';

/** The toolbar shows its icon at 16 px, and 32 px on a 2x screen: no other size is ever used. */
const SIZES = [16, 32] as const;

export function iconPaths(name: string): Record<string, string> {
  const file = name ? `icon-${name}` : 'icon';
  return Object.fromEntries(SIZES.map((size) => [String(size), `/icons/${file}-${size}.png`]));
}

const canDecode = () => typeof OffscreenCanvas === 'function' && typeof createImageBitmap === 'function';

async function pixelsOf(path: string): Promise<IconPixels[string]> {
  const image = await createImageBitmap(await (await fetch(browser.runtime.getURL(path))).blob());
  const context = new OffscreenCanvas(image.width, image.height).getContext('2d');
  if (!context) throw new Error('no 2d context');
  context.drawImage(image, 0, 0);
  return context.getImageData(0, 0, image.width, image.height) as IconPixels[string];
}

// One decode per icon per worker life; undefined when it could not be decoded (then the paths are given).
const decoded = new Map<string, Promise<IconPixels | undefined>>();

function imagesOf(name: string): Promise<IconPixels | undefined> {
  let images = decoded.get(name);
  if (!images) {
    images = canDecode()
      ? Promise.all(Object.entries(iconPaths(name)).map(async ([size, path]) => [size, await pixelsOf(path)] as const))
          .then(Object.fromEntries)
          .catch(() => undefined)
      : Promise.resolve(undefined);
    decoded.set(name, images);
  }
  return images;
}

export async function setTabIcon(tabId: number, name: string): Promise<void> {
  const imageData = await imagesOf(name);
  await browser.action.setIcon(imageData ? { tabId, imageData } : { tabId, path: iconPaths(name) });
}
