// Steps shared by end-to-end tests: talk to the worker the way the extension's own pages do (runtime messages
// from an extension page), typed by the extension's message map, so a test can prepare the vault without clicking
// through forms it does not test; and the sandbox fixture's keys and orgs by name.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { keysOf } from '../../src/background/storage/keys';
import type { Envelope, MessageName, Reply, RequestOf, ResponseOf } from '../../src/shared/messages';
import type { ExtensionRun } from './harness';

/** The error a refused message answers (kind, English message, params). */
export type ErrorReply = Extract<Reply<MessageName>, { ok: false }>['error'];

export const PASSPHRASE = 'correct horse battery staple';

/** The settings page (the dashboard is one of its sections), in a new tab. */
export async function openSettings(run: ExtensionRun): Promise<Page> {
  const page = await run.context.newPage();
  await page.goto(`chrome-extension://${run.extensionId}/src/options/index.html`);
  return page;
}

/** The worker's reply to one message sent from an extension page that is already open. */
function replyIn<N extends MessageName>(page: Page, name: N, request: RequestOf<N>): Promise<Reply<N>> {
  return page.evaluate(([n, r]) => chrome.runtime.sendMessage({ name: n, request: r }), [name, request] as const);
}

/** Sends a message from an open extension page; its answer, or an error if the worker refused it. */
export async function sendIn<N extends MessageName>(
  page: Page,
  name: N,
  request: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const reply = await replyIn(page, name, request);
  if (!reply.ok) throw new Error(`${name} failed: ${reply.error.kind}`);
  return reply.value;
}

/** Sends a message from a fresh extension page (closed after); its answer, or an error if the worker refused it. */
export async function sendFromExtensionPage<N extends MessageName>(
  run: ExtensionRun,
  name: N,
  request: RequestOf<N>,
): Promise<ResponseOf<N>> {
  const page = await openSettings(run);
  try {
    return await sendIn(page, name, request);
  } finally {
    await page.close();
  }
}

/** Sends a message that must fail, and answers the worker's error (a success fails the test). */
export async function failureOf<N extends MessageName>(
  run: ExtensionRun,
  name: N,
  request: RequestOf<N>,
): Promise<ErrorReply> {
  const page = await openSettings(run);
  try {
    const reply = await replyIn(page, name, request);
    if (reply.ok || !reply.error) throw new Error(`${name} succeeded, but a failure was expected`);
    return reply.error;
  } finally {
    await page.close();
  }
}

export function keyNamed(run: ExtensionRun, name: string) {
  const key = run.sandbox.fixture.keys.find((k) => k.name === name);
  if (!key) throw new Error(`no key ${name} in the fixture`);
  return key;
}

/** The fixture's org whose name starts so ('Acme', 'Globex', 'Initech', 'Hooli', 'Umbrella'). */
export function orgNamed(run: ExtensionRun, prefix: string) {
  const org = run.sandbox.fixture.orgs.find((o) => o.name.startsWith(prefix));
  if (!org) throw new Error(`no org ${prefix} in the fixture`);
  return org;
}

/** The Cloud Manager orgs that need no access list, in the fixture's order. */
export function cmOrgs(run: ExtensionRun) {
  return run.sandbox.fixture.orgs.filter((o) => o.kind === 'cloud-manager' && !o.requiresAccessList);
}

export async function createVaultWith(run: ExtensionRun, keyName: string, label: string): Promise<{ id: string }> {
  const key = keyNamed(run, keyName);
  const { profile } = await sendFromExtensionPage(run, 'vault/create', {
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
  const { profile } = await sendFromExtensionPage(run, 'profiles/add', {
    orgId,
    profile: { label, publicKey: key.publicKey, privateKey: key.privateKey, baseUrl },
  });
  return profile;
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
  const page = await openSettings(run);
  try {
    return await page.evaluate(async (list) => {
      const saved: { id: string }[] = [];
      for (const profile of list) {
        const envelope: Envelope<'profiles/add'> = { name: 'profiles/add', request: { profile } };
        const reply = (await chrome.runtime.sendMessage(envelope)) as Reply<'profiles/add'>;
        if (!reply.ok) throw new Error(`profiles/add of ${profile.label} failed: ${reply.error.kind}`);
        saved.push({ id: reply.value.profile.id });
      }
      return saved;
    }, profiles);
  } finally {
    await page.close();
  }
}

/**
 * Fires the auto-lock alarm now instead of in a minute (unpacked extensions may fire alarms this soon), and again
 * whenever activity pushes it back (an open page's calls count as activity); resolves once the worker's session is
 * wiped. Polled through one worker handle: opening a page would count as activity too.
 */
export async function fireAutoLock(run: ExtensionRun): Promise<void> {
  const worker = await run.worker();
  await expect
    .poll(
      () =>
        worker.evaluate(
          async (wiped) => {
            const current = await chrome.alarms.get('auto-lock');
            if (current && current.scheduledTime > Date.now() + 1000) {
              await chrome.alarms.create('auto-lock', { when: Date.now() + 300 });
            }
            return chrome.storage.session.get(wiped);
          },
          keysOf((spec) => spec.wipeOnLock),
        ),
      { timeout: 10_000, interval: 50 },
    )
    .toEqual({});
}
