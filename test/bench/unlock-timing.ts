// Unlock cost in Chromium: PBKDF2-SHA256 at 600,000 iterations with WebCrypto (what the vault uses), the whole
// 'vault/unlock' message round trip through the worker, and crypto-js's PBKDF2 in the same browser for reference.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { launchExtension } from '../e2e/harness.ts';

export interface UnlockFigures {
  webCryptoDeriveMs: number;
  unlockRoundTripMs: number;
  cryptoJsMs: number;
  cryptoJsIterations: number;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

export async function measureUnlock(): Promise<UnlockFigures> {
  const run = await launchExtension();
  try {
    const page = await run.context.newPage();
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    const derive = await page.evaluate(async () => {
      const times: number[] = [];
      for (let i = 0; i < 3; i++) {
        const material = await crypto.subtle.importKey(
          'raw',
          new TextEncoder().encode('a passphrase'),
          'PBKDF2',
          false,
          ['deriveBits'],
        );
        const t = performance.now();
        await crypto.subtle.deriveBits(
          { name: 'PBKDF2', hash: 'SHA-256', iterations: 600_000, salt: crypto.getRandomValues(new Uint8Array(16)) },
          material,
          256,
        );
        times.push(performance.now() - t);
      }
      return times;
    });
    const passphrase = 'bench passphrase 1234';
    const owner = run.sandbox.fixture.keys[0]!;
    await page.evaluate(
      ([p, pub, priv]) =>
        chrome.runtime.sendMessage({
          name: 'vault/create',
          request: { passphrase: p, profile: { label: 'Bench', publicKey: pub, privateKey: priv } },
        }),
      [passphrase, owner.publicKey, owner.privateKey] as const,
    );
    const unlocks: number[] = [];
    for (let i = 0; i < 3; i++) {
      await page.evaluate(() => chrome.runtime.sendMessage({ name: 'vault/lock', request: {} }));
      unlocks.push(
        await page.evaluate(async (p) => {
          const t = performance.now();
          const reply = await chrome.runtime.sendMessage({ name: 'vault/unlock', request: { passphrase: p } });
          if (!reply.ok) throw new Error(reply.error.kind);
          return performance.now() - t;
        }, passphrase),
      );
    }
    // crypto-js in a plain page of the same browser; a tenth of the iterations, scaled (it is linear).
    const require = createRequire(import.meta.url);
    const cryptoJs = readFileSync(require.resolve('crypto-js/crypto-js.js'), 'utf8');
    const blank = await run.context.newPage();
    await blank.goto('about:blank');
    await blank.addScriptTag({ content: cryptoJs });
    const iterations = 60_000;
    const cryptoJsPart = await blank.evaluate((n) => {
      type CryptoJsGlobal = {
        PBKDF2(p: string, salt: unknown, o: { keySize: number; iterations: number; hasher: unknown }): unknown;
        lib: { WordArray: { random(n: number): unknown } };
        algo: { SHA256: unknown };
      };
      const CryptoJS = (globalThis as unknown as { CryptoJS: CryptoJsGlobal }).CryptoJS;
      const t = performance.now();
      CryptoJS.PBKDF2('a passphrase', CryptoJS.lib.WordArray.random(16), {
        keySize: 8,
        iterations: n,
        hasher: CryptoJS.algo.SHA256,
      });
      return performance.now() - t;
    }, iterations);
    return {
      webCryptoDeriveMs: median(derive),
      unlockRoundTripMs: median(unlocks),
      cryptoJsMs: cryptoJsPart * (600_000 / iterations),
      cryptoJsIterations: iterations,
    };
  } finally {
    await run.close();
  }
}
