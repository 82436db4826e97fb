// In Korean: with Chromium's UI language set to Korean, the popup (setup, an org with no key pair of its own, the
// error of a key refused when saved), the settings page and the toolbar tooltip all speak Korean (and pass axe-core,
// light and dark), and no English sentence slips through (only product names, Cloud Manager menu paths, which stay in
// English because the Cloud Manager UI is English, and the data), and no particle pair such as 이(가) shows anywhere.
import type { Page } from 'playwright-core';
import { describe, expect } from 'vitest';
import { violations } from './axe';
import { test } from './fixtures';
import { badgeOf, type ExtensionRun, orgPageUrl, screenshot } from './harness';
import { addProfileFor, keyNamed, openSettings, orgNamed, PASSPHRASE, sendFromExtensionPage } from './steps';

// Words that stay English in the Korean catalogue on purpose: names of products and of Cloud Manager menus.
const KEPT_ENGLISH = new Set(
  'API Atlas Link Cloud Manager Ops MongoDB Organization Owner Identity Access Applications Keys Edit Live Migration Generate Token Services Migrate from Self Managed Database Ready Start CIDR http https cloud mongodb com'.split(
    ' ',
  ),
);

/** English words on the page that are neither kept on purpose nor part of the data shown. */
async function untranslated(page: Page, data: string[]): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: only what is rendered visible counts (hidden rows do not)
  let text = await page.locator('body').innerText();
  for (const d of data) text = text.split(d).join(' ');
  return [...text.matchAll(/[A-Za-z]{3,}/g)].map((m) => m[0]).filter((w) => !KEPT_ENGLISH.has(w));
}

/** Particle pairs on the page, such as 이(가) or (를): a Korean writer puts a noun before the particle instead. */
async function particlePairs(page: Page): Promise<string[]> {
  // biome-ignore lint/performance/useDomNodeTextContent: only what is rendered visible counts (hidden rows do not)
  const text = await page.locator('body').innerText();
  return [...text.matchAll(/\S{0,12}\((?:가|이|를|을|는|은|와|과|으|로|으로)\)/g)].map((m) => m[0]);
}

/** What the page may show in English because it is data: org names and ids, public keys, the product's name. */
const data = (run: ExtensionRun) => [
  ...run.sandbox.fixture.orgs.flatMap((o) => [o.name, o.id]),
  ...run.sandbox.fixture.keys.map((k) => k.publicKey),
  'CSV',
  'JSON Lines', // the export format's name
  'Atlas Link for Cloud Manager', // the product's name
];

test.override('launch', { browser: { locale: 'ko' } });

describe('Korean', () => {
  test.beforeAll(async ({ run }) => {
    const language = await (await run.worker()).evaluate(() => chrome.i18n.getUILanguage());
    if (language !== 'ko') {
      throw new Error(`Chromium started in '${language}', not Korean: install Debian's chromium-l10n`);
    }
  });

  test('sets up, links and paints the badge in Korean', async ({ run, popupOn }) => {
    const target = orgNamed(run, 'Initech');
    const popup = await popupOn(orgPageUrl(target.id));
    const page = popup.page;
    await page.getByRole('heading', { name: '키 보관함 설정' }).waitFor();
    await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe('ko');
    expect(await untranslated(page, data(run))).toEqual([]);
    expect(await particlePairs(page)).toEqual([]);

    // Initech's own key (a key pair serves only its own org).
    const initech = keyNamed(run, 'initech');
    await page.getByLabel('고객사 이름').fill('이니텍 고객사');
    await page.getByLabel('공개 키(사용자 이름)').fill(initech.publicKey);
    await page.getByLabel('비공개 키(비밀번호)').fill(initech.privateKey);
    await page.getByLabel('암호 문구', { exact: true }).fill(PASSPHRASE);
    await page.getByLabel('암호 문구 확인').fill(PASSPHRASE);
    await page.getByRole('button', { name: '키 쌍 저장' }).click();
    await expect.poll(() => popup.statusText()).toBe('Atlas에 연결되지 않음');

    const token = run.sandbox.fixture.linkTokens.find((t) => t.result === 'SYNCED')!.token;
    await page.getByLabel('Atlas 링크 토큰').fill(token);
    await page.getByRole('button', { name: 'Atlas에 연결' }).click();
    await expect.poll(() => popup.statusText()).toBe('연결됨, 동기화됨');
    expect(await untranslated(page, [...data(run), '이니텍 고객사'])).toEqual([]);
    expect(await particlePairs(page)).toEqual([]);
    await screenshot(page, 'popup-linked-ko');

    const { title } = await badgeOf(run, popup.tab);
    expect(title).toContain('연결됨, 동기화됨');
    expect(title).toContain('방금 확인함');
  });

  test("says in Korean that the org has no key pair, and that the IP is not on the key's access list", async ({
    run,
    popupOn,
  }) => {
    const target = orgNamed(run, 'Globex');
    const popup = await popupOn(orgPageUrl(target.id));
    const page = popup.page;
    // No key pair of Globex is saved: the popup says so in Korean, with the form in place.
    await popup.noKeyPair.waitFor();
    await expect.poll(() => popup.noKeyPairText.textContent()).toContain(target.id);
    expect(await untranslated(page, data(run))).toEqual([]);
    expect(await particlePairs(page)).toEqual([]);
    const fenced = keyNamed(run, 'elsewhere');
    await page.getByLabel('고객사 이름').fill('글로벡스 고객사');
    await page.getByLabel('공개 키(사용자 이름)').fill(fenced.publicKey);
    await page.getByLabel('비공개 키(비밀번호)').fill(fenced.privateKey);
    await page.getByRole('button', { name: '키 쌍 저장' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = (await alert.textContent()) ?? '';
    expect(text).toContain('이 컴퓨터의 IP 주소(127.0.0.1)가 API 키의 액세스 목록에 없습니다.');
    expect(text).toContain(
      '(Organization → Identity & Access → Applications의 API Keys 탭 → Edit, Ops Manager: Access Manager → API Keys → Edit)',
    );
    expect(await untranslated(page, [...data(run), '127.0.0.1'])).toEqual([]);
    expect(await particlePairs(page)).toEqual([]);
    await screenshot(page, 'popup-ip-not-allowed-ko');
    expect([...(await violations(page, 'light')), ...(await violations(page, 'dark'))]).toEqual([]);
    await popup.close();
    // The refused key pair was not saved.
    const labels = (await sendFromExtensionPage(run, 'profiles/list', {})).map((p) => p.label);
    expect(labels).toEqual(['이니텍 고객사']);

    // A failed check (a read-only key of its own org) shows in the toolbar tooltip in Korean.
    const hooli = orgNamed(run, 'Hooli');
    await addProfileFor(run, 'readonly', '훌리 고객사', hooli.id);
    const hooliTab = await run.openTab(orgPageUrl(hooli.id));
    await expect.poll(async () => (await badgeOf(run, hooliTab)).title).toContain('마지막 확인 실패: ');
    expect((await badgeOf(run, hooliTab)).text).toBe('!');
  });

  test('shows every settings section in Korean', async ({ run }) => {
    const page = await openSettings(run);
    // The history shows each link's token fingerprint: data, like the org ids.
    const fingerprints = (await sendFromExtensionPage(run, 'history/list', {})).flatMap((e) =>
      e.tokenFingerprint ? [e.tokenFingerprint] : [],
    );
    const found: string[] = [];
    for (const section of ['키 쌍', '보안', '백업', '기록', '모든 조직']) {
      await page.getByRole('button', { name: section, exact: true }).click();
      await page.waitForTimeout(300);
      found.push(
        ...(await untranslated(page, [...data(run), ...fingerprints, '이니텍 고객사', '훌리 고객사'])).map(
          (w) => `${section}: ${w}`,
        ),
        ...(await particlePairs(page)).map((pair) => `${section}: ${pair}`),
      );
    }
    expect(found).toEqual([]);
    // And accessible in Korean too (lang="ko", names and contrast with the longer or shorter texts).
    const broken: string[] = [];
    for (const section of ['키 쌍', '모든 조직']) {
      await page.getByRole('button', { name: section, exact: true }).click();
      await page.waitForTimeout(300);
      broken.push(...(await violations(page, 'light')), ...(await violations(page, 'dark')));
    }
    expect(broken).toEqual([]);
    await page.close();
  });
});
