// What a tab's toolbar badge shows: per state its mark, colour, icon (every size) and tooltip; a cleared badge for a
// tab showing no known org; paints of one tab never mixed; a closed tab is no error; and a repaint of an org's tabs
// touches exactly the tabs showing that org (project pages included once their org is known).
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { orgId, orgPage, projectOf, projectPage } from './org-fixture';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));

const NOW = Date.UTC(2026, 10, 29, 12);
const icons = (name: string) =>
  Object.fromEntries([16, 32].map((size) => [String(size), `/icons/${name}-${size}.png`]));
const calls: string[] = [];

async function worker() {
  fake.storage.data.local.clear();
  fake.badges.clear();
  fake.tabs.length = 0;
  calls.length = 0;
  vi.resetModules();
  const badge = await import('../../../../src/background/orgs/badge');
  const state = await import('../../../../src/background/orgs/org-state');
  const locations = await import('../../../../src/background/orgs/locations');
  return { ...badge, ...state, ...locations };
}

beforeEach(() => {
  vi.restoreAllMocks();
  for (const name of ['setBadgeText', 'setTitle', 'setIcon', 'setBadgeBackgroundColor'] as const) {
    const real = fake.browser.action[name] as (details: { tabId: number }) => Promise<void>;
    const spy = vi.spyOn(fake.browser.action, name) as unknown as {
      mockImplementation(fn: (details: { tabId: number }) => Promise<void>): void;
    };
    spy.mockImplementation(async (details) => {
      const { tabId, ...rest } = details as { tabId: number } & Record<string, unknown>;
      calls.push(`${tabId} ${name} ${JSON.stringify(Object.values(rest)[0])}`);
      return real(details);
    });
  }
});

describe('paintBadge', () => {
  it.each([
    ['SYNCED', { status: 'SYNCED' }, '✓', '#1e7d32', 'icon-synced', 'Linked, synced'],
    // A status check's NOT_SYNCED (or one of unknown source) claims neither a link nor none; a link's POST made one.
    ['NOT_SYNCED', { status: 'NOT_SYNCED' }, '…', '#b45309', 'icon-not-synced', 'Not synced (link not confirmed)'],
    [
      'NOT_SYNCED',
      { status: 'NOT_SYNCED', statusFrom: 'status' },
      '…',
      '#b45309',
      'icon-not-synced',
      'Not synced (link not confirmed)',
    ],
    [
      'NOT_SYNCED',
      { status: 'NOT_SYNCED', statusFrom: 'link' },
      '…',
      '#b45309',
      'icon-not-synced',
      'Linked, not synced',
    ],
    ['NOT_LINKED', { status: 'NOT_LINKED' }, '', '#5f6368', 'icon', 'Not linked to Atlas'],
    [
      'error',
      { status: 'SYNCED', error: { kind: 'network' as const } },
      '!',
      '#c5221f',
      'icon-error',
      'The last check failed: ',
    ],
  ] as const)('%s: its mark, colour, icon and tooltip', async (_state, patch, text, color, icon, status) => {
    const w = await worker();
    vi.useFakeTimers({ now: NOW, toFake: ['Date'] });
    try {
      await w.paintBadge(3, { orgId: orgId(1), name: 'Initech', checkedAt: NOW - 5 * 60_000, ...patch });
    } finally {
      vi.useRealTimers();
    }
    const title = fake.badges.get(3)?.title ?? '';
    expect(fake.badges.get(3)).toEqual({ text, color, icon: `/icons/${icon}-16.png`, title });
    expect(title.split('\n')).toEqual([`Initech (${orgId(1)})`, expect.stringContaining(status), 'checked 5 min ago']);
    expect(fake.browser.action.setIcon).toHaveBeenCalledWith({ tabId: 3, path: icons(icon) });
  });

  it('busy: grey dots and "Working…", whatever the record says', async () => {
    const w = await worker();
    await w.paintBadge(4, { orgId: orgId(1), status: 'SYNCED' }, true);
    expect(fake.badges.get(4)).toEqual({
      text: '…',
      color: '#6b7280',
      icon: '/icons/icon-busy-16.png',
      title: `${orgId(1)}\nWorking…\nnot checked yet`,
    });
  });

  it('no record, or a record with no status yet: the badge, tooltip and icon are cleared', async () => {
    const w = await worker();
    await w.paintBadge(5, { orgId: orgId(1), status: 'SYNCED' });
    await w.paintBadge(5, undefined);
    expect(fake.badges.get(5)).toMatchObject({ text: '', title: '', icon: '/icons/icon-16.png' });
    expect(fake.browser.action.setIcon).toHaveBeenLastCalledWith({ tabId: 5, path: icons('icon') });
    await w.paintBadge(5, { orgId: orgId(1), status: 'SYNCED' });
    await w.paintBadge(5, { orgId: orgId(1), name: 'Named' });
    expect(fake.badges.get(5)).toMatchObject({ text: '', title: '', icon: '/icons/icon-16.png' });
    // Busy without any record: nothing to name, so nothing shown.
    await w.paintBadge(5, { orgId: orgId(1), status: 'SYNCED' });
    await w.paintBadge(5, undefined, true);
    expect(fake.badges.get(5)).toMatchObject({ text: '', title: '' });
  });

  it('two quick paints of one tab run one after the other: the later one wins whole', async () => {
    const w = await worker();
    const first = w.paintBadge(6, { orgId: orgId(1), status: 'SYNCED' });
    const second = w.paintBadge(6, { orgId: orgId(1), status: 'NOT_LINKED' });
    const third = w.paintBadge(6, { orgId: orgId(1), error: { kind: 'network' as const } });
    await Promise.all([first, second, third]);
    const order = calls.map((c) => c.split(' ')[1]);
    const one = ['setIcon', 'setBadgeText', 'setBadgeBackgroundColor', 'setTitle'];
    expect(order).toEqual([...one, ...one, ...one]);
    expect(calls.filter((c) => c.includes('setBadgeText'))).toEqual([
      '6 setBadgeText "✓"',
      '6 setBadgeText ""',
      '6 setBadgeText "!"',
    ]);
    expect(fake.badges.get(6)).toMatchObject({ text: '!', color: '#c5221f' });
    // Once all ended, a new paint starts at once.
    calls.length = 0;
    await w.paintBadge(6, undefined);
    expect(calls).toEqual(['6 setBadgeText ""', '6 setTitle ""', `6 setIcon ${JSON.stringify(icons('icon'))}`]);
  });

  it('a paint asked while an earlier one still runs waits for it, even after the first of the tab ended', async () => {
    const w = await worker();
    let release!: () => void;
    const setIcon = vi.mocked(fake.browser.action.setIcon);
    setIcon
      .mockImplementationOnce(setIcon.getMockImplementation()!)
      .mockImplementationOnce(() => new Promise<undefined>((resolve) => (release = () => resolve(undefined))));
    const first = w.paintBadge(6, { orgId: orgId(1), status: 'SYNCED' });
    const second = w.paintBadge(6, { orgId: orgId(1), status: 'NOT_SYNCED' });
    await first;
    await vi.waitFor(() => expect(setIcon).toHaveBeenCalledTimes(2));
    const third = w.paintBadge(6, { orgId: orgId(1), status: 'NOT_LINKED' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(setIcon).toHaveBeenCalledTimes(2); // the third waits for the second
    release();
    await Promise.all([second, third]);
    expect(calls.filter((c) => c.includes('setBadgeText'))).toEqual([
      '6 setBadgeText "✓"',
      '6 setBadgeText "…"',
      '6 setBadgeText ""',
    ]);
    expect(fake.badges.get(6)).toMatchObject({ text: '', color: '#5f6368' });
  });

  it('paints of different tabs do not wait for each other', async () => {
    const w = await worker();
    let release!: () => void;
    vi.mocked(fake.browser.action.setIcon).mockImplementationOnce(
      () => new Promise<undefined>((resolve) => (release = () => resolve(undefined))),
    );
    const held = w.paintBadge(7, { orgId: orgId(1), status: 'SYNCED' });
    await w.paintBadge(8, { orgId: orgId(1), status: 'SYNCED' });
    expect(fake.badges.get(8)?.text).toBe('✓');
    expect(fake.badges.get(7)).toBeUndefined();
    release();
    await held;
    expect(fake.badges.get(7)?.text).toBe('✓');
  });

  it('a tab closed while painting is no error, and a later paint of the tab still runs', async () => {
    const w = await worker();
    vi.mocked(fake.browser.action.setIcon).mockRejectedValueOnce(new Error('No tab with id: 9.'));
    await expect(w.paintBadge(9, { orgId: orgId(1), status: 'SYNCED' })).resolves.toBeUndefined();
    expect(fake.badges.get(9)).toBeUndefined();
    vi.mocked(fake.browser.action.setBadgeText).mockRejectedValueOnce(new Error('No tab with id: 9.'));
    await expect(w.paintBadge(9, undefined)).resolves.toBeUndefined();
    expect(fake.badges.get(9)).toBeUndefined();
    await w.paintBadge(9, { orgId: orgId(1), status: 'SYNCED' });
    expect(fake.badges.get(9)?.text).toBe('✓');
  });
});

describe('badgeStateOf and the tooltip', () => {
  it('an error wins over the status; no record has no state', async () => {
    const w = await worker();
    expect(w.badgeStateOf(undefined)).toBeUndefined();
    expect(w.badgeStateOf({ orgId: orgId(1) })).toBeUndefined();
    expect(w.badgeStateOf({ orgId: orgId(1), status: 'NOT_SYNCED' })).toBe('NOT_SYNCED');
    expect(w.badgeStateOf({ orgId: orgId(1), status: 'SYNCED', error: { kind: 'network' as const } })).toBe('error');
  });

  it.each([
    [undefined, 'not checked yet'],
    [0, 'not checked yet'],
    [NOW - 29_000, 'checked just now'],
    [NOW - 31_000, 'checked 1 min ago'],
    [NOW - 59 * 60_000, 'checked 59 min ago'],
    [NOW - 59.6 * 60_000, 'checked 1 h ago'],
    [NOW - 149 * 60_000, 'checked 2 h ago'],
    [NOW - 151 * 60_000, 'checked 3 h ago'],
  ])('checked at %s: "%s"', async (checkedAt, age) => {
    const w = await worker();
    expect(w.badgeTitle({ orgId: orgId(1), checkedAt }, 'NOT_LINKED', NOW)).toBe(
      `${orgId(1)}\nNot linked to Atlas\n${age}`,
    );
  });

  it('an error state without its error still says the check failed', async () => {
    const w = await worker();
    expect(w.badgeTitle({ orgId: orgId(1), name: 'X' }, 'error', NOW)).toBe(
      `X (${orgId(1)})\nThe last check failed: The last check failed\nnot checked yet`,
    );
  });
});

describe('paintOrgTabs', () => {
  it('repaints every tab showing the org, project pages of a known project included, and no other tab', async () => {
    const w = await worker();
    await w.saveOrgStatus(orgId(1), { status: 'SYNCED', name: 'One' });
    await w.saveOrgStatus(orgId(2), { status: 'NOT_SYNCED' });
    await w.rememberGroupOrg(projectOf(1), orgId(1));
    fake.tabs.push(
      { id: 1, url: orgPage(1) },
      { id: 2, url: projectPage(1) },
      { id: 3, url: orgPage(2) },
      { id: 4, url: projectPage(2) }, // its org is not known yet
      { id: 5, url: 'https://example.com/' },
      { id: 6, url: '' },
      { id: undefined as never, url: orgPage(1) },
    );
    await w.paintOrgTabs(orgId(1));
    expect([...fake.badges.keys()].sort()).toEqual([1, 2]);
    expect(fake.badges.get(1)).toMatchObject({
      text: '✓',
      title: `One (${orgId(1)})\nLinked, synced\nnot checked yet`,
    });
    expect(fake.badges.get(2)).toEqual(fake.badges.get(1));
    await w.paintOrgTabs(orgId(1), true);
    expect(fake.badges.get(1)).toMatchObject({ text: '…', color: '#6b7280' });
  });

  it('an org with no record yet is painted busy by its id while its first call runs', async () => {
    const w = await worker();
    fake.tabs.push({ id: 1, url: orgPage(3) });
    await w.paintOrgTabs(orgId(3), true);
    expect(fake.badges.get(1)).toMatchObject({ text: '…', title: `${orgId(3)}\nWorking…\nnot checked yet` });
    await w.paintOrgTabs(orgId(3));
    expect(fake.badges.get(1)).toMatchObject({ text: '', title: '' });
  });
});
