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

export interface ErrorReply {
  kind: string;
  message: string;
  params?: Record<string, string>;
}

/** Sends a message that must fail, and answers the worker's error (a success fails the test). */
export async function failureOf(run: ExtensionRun, name: string, request: unknown): Promise<ErrorReply> {
  const page = await run.context.newPage();
  try {
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    const reply = (await page.evaluate(([n, r]) => chrome.runtime.sendMessage({ name: n, request: r }), [
      name,
      request,
    ] as const)) as { ok: boolean; error?: ErrorReply };
    if (reply.ok || !reply.error) throw new Error(`${name} succeeded, but a failure was expected`);
    return reply.error;
  } finally {
    await page.close();
  }
}

/**
 * Saves several key pairs from one extension page, in order ('profiles/add': each is bound to its own org, which
 * the server names). Answers the saved profiles' ids in the same order.
 */
export async function addProfilesFor(
  run: ExtensionRun,
  entries: { keyName: string; label: string }[],
): Promise<{ id: string }[]> {
  const profiles = entries.map(({ keyName, label }) => {
    const key = keyNamed(run, keyName);
    return { label, publicKey: key.publicKey, privateKey: key.privateKey };
  });
  const page = await run.context.newPage();
  try {
    await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
    return await page.evaluate(async (list) => {
      const saved: { id: string }[] = [];
      for (const profile of list) {
        const reply = (await chrome.runtime.sendMessage({ name: 'profiles/add', request: { profile } })) as {
          ok: boolean;
          value?: { profile: { id: string } };
          error?: { kind: string };
        };
        if (!reply.ok) throw new Error(`profiles/add of ${profile.label} failed: ${reply.error?.kind}`);
        saved.push({ id: reply.value!.profile.id });
      }
      return saved;
    }, profiles);
  } finally {
    await page.close();
  }
}
