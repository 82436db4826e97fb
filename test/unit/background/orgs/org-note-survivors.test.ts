// An org's note, at its edges: each rule refuses as invalid-input (an org id that is not one, a note that is not
// text, a control character, more than 500 characters; the page checks the same rules as it is typed), and the list of notes names only the orgs that
// have one (an org known without a note is absent, as the message promises, not listed with an empty value).
import { beforeEach, describe, expect, it, vi } from 'vitest';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const org = (n: number) => n.toString(16).padStart(24, '0');

/** How the worker refused: the kind the UI reads. */
function refusal(work: () => unknown) {
  try {
    work();
  } catch (e) {
    const { name, kind } = e as Error & { kind?: string };
    return { name, kind };
  }
  return undefined;
}

const refused = () => ({ name: 'WorkerError', kind: 'invalid-input' });

beforeEach(() => {
  vi.resetModules();
  fake.storage.data.local.clear();
  fake.storage.data.session.clear();
});

const notes = () => import('../../../../src/background/orgs/org-note');

describe('a note refused', () => {
  it('for an org id that is not one', async () => {
    const { setOrgNote } = await notes();
    expect(refusal(() => setOrgNote('not-an-id', 'TICKET-1'))).toEqual(refused());
  });

  it('for a note that is not text (a page sent a number or nothing)', async () => {
    const { setOrgNote } = await notes();
    for (const note of [42, undefined, { text: 'TICKET-1' }]) {
      expect(refusal(() => setOrgNote(org(1), note as unknown as string))).toEqual(refused());
    }
  });

  it('for a control or text-direction character', async () => {
    const { setOrgNote } = await notes();
    for (const note of ['line\nbreak', 'rtl\u202eevil']) {
      expect(refusal(() => setOrgNote(org(1), note))).toEqual(refused());
    }
  });

  it('for 501 characters, where 500 are kept', async () => {
    const { setOrgNote, orgNotes } = await notes();
    expect(refusal(() => setOrgNote(org(1), 'x'.repeat(501)))).toEqual(refused());
    expect(await orgNotes()).toStrictEqual({});
    await setOrgNote(org(1), 'x'.repeat(500));
    expect(await orgNotes()).toStrictEqual({ [org(1)]: 'x'.repeat(500) });
  });
});

describe('the notes listed', () => {
  it('name only the orgs with a note: an org known without one, or whose note was removed, is absent', async () => {
    const { setOrgNote, orgNotes } = await notes();
    const { saveOrgStatus } = await import('../../../../src/background/orgs/org-state');
    await saveOrgStatus(org(2), { name: 'Org 2' });
    await setOrgNote(org(1), 'TICKET-1');
    await setOrgNote(org(3), 'TICKET-3');
    await setOrgNote(org(3), '');
    const listed = await orgNotes();
    expect(listed).toStrictEqual({ [org(1)]: 'TICKET-1' });
    expect(Object.keys(listed)).toEqual([org(1)]);
  });
});

describe('a note saved before the rule covered U+2028, U+2029 and U+061C (#30 item 7)', () => {
  it('reads back cleaned: each such character a space', async () => {
    fake.storage.data.local.set('orgStatus', { [org(1)]: { orgId: org(1), note: 'hand\u2028over\u2029to \u061Cops' } });
    const { orgNotes } = await notes();
    expect(await orgNotes()).toEqual({ [org(1)]: 'hand over to  ops' });
  });
});
