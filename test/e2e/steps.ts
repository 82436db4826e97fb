// Steps shared by end-to-end tests: talk to the worker the way the extension's own pages do (runtime messages
// from an extension page), so a test can prepare the vault without clicking through forms it does not test.
import type { ExtensionRun } from './harness';

export const PASSPHRASE = 'correct horse battery staple';

export async function sendFromExtensionPage<T = unknown>(
  run: ExtensionRun,
  name: string,
  request: unknown,
): Promise<T> {
  const page = await run.context.newPage();
  try {
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    const reply = (await page.evaluate(([n, r]) => chrome.runtime.sendMessage({ name: n, request: r }), [
      name,
      request,
    ] as const)) as {
      ok: boolean;
      value?: T;
      error?: { kind: string };
    };
    if (!reply.ok) throw new Error(`${name} failed: ${reply.error?.kind}`);
    return reply.value as T;
  } finally {
    await page.close();
  }
}

export function keyNamed(run: ExtensionRun, name: string) {
  const key = run.sandbox.fixture.keys.find((k) => k.name === name);
  if (!key) throw new Error(`no key ${name} in the fixture`);
  return key;
}

export async function createVaultWith(run: ExtensionRun, keyName: string, label: string): Promise<{ id: string }> {
  const key = keyNamed(run, keyName);
  const { profile } = await sendFromExtensionPage<{ profile: { id: string } }>(run, 'vault/create', {
    passphrase: PASSPHRASE,
    profile: { label, publicKey: key.publicKey, privateKey: key.privateKey },
  });
  return profile;
}

export async function addProfileFor(
  run: ExtensionRun,
  keyName: string,
  label: string,
  orgId?: string,
  baseUrl?: string,
) {
  const key = keyNamed(run, keyName);
  const { profile } = await sendFromExtensionPage<{ profile: { id: string } }>(run, 'profiles/add', {
    orgId,
    profile: { label, publicKey: key.publicKey, privateKey: key.privateKey, baseUrl },
  });
  return profile;
}
