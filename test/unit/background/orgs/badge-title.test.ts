// The toolbar tooltip speaks the browser's language: org, status (or the error's own sentence) and age, all from
// the message catalogue, never English literals.
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { messagesOf } from '../../../support/catalogue';

const fake = await vi.hoisted(async () => (await import('../../../support/fake-browser')).createFakeBrowser());
vi.mock('webextension-polyfill', () => ({ default: fake.browser }));
const i18n = fake.browser.i18n as { getMessage: (key: string, subs?: string | string[]) => string };
const { badgeTitle } = await import('../../../../src/background/orgs/badge');

const now = Date.UTC(2026, 10, 29, 12);
const orgId = '61b2c3d4e5f6071829304a5c';

describe('badge title', () => {
  beforeEach(() => {
    i18n.getMessage = messagesOf('en');
  });

  it('names the org, the status and its age', () => {
    const title = badgeTitle({ orgId, name: 'Initech', status: 'SYNCED', checkedAt: now - 5 * 60_000 }, 'SYNCED', now);
    expect(title).toBe(`Initech (${orgId})\nLinked, synced\nchecked 5 min ago`);
    expect(badgeTitle({ orgId, status: 'NOT_LINKED' }, 'NOT_LINKED', now)).toBe(
      `${orgId}\nNot linked to Atlas\nnot checked yet`,
    );
    expect(badgeTitle({ orgId, checkedAt: now - 3 * 3_600_000 }, 'busy', now)).toBe(
      `${orgId}\nWorking…\nchecked 3 h ago`,
    );
  });

  it("shows the error's own sentence, with its details", () => {
    const error = { kind: 'ip-not-allowed' as const, message: 'x', params: { ip: '203.0.113.9' } };
    expect(badgeTitle({ orgId, error, checkedAt: now }, 'error', now)).toBe(
      `${orgId}\nThe last check failed: This computer's IP address 203.0.113.9 is not on the API key's access list.\nchecked just now`,
    );
  });

  it('speaks Korean when the browser does', () => {
    i18n.getMessage = messagesOf('ko');
    const error = { kind: 'not-org-owner' as const, message: 'x' };
    expect(badgeTitle({ orgId, name: 'Initech', error, checkedAt: now - 120_000 }, 'error', now)).toBe(
      `Initech (${orgId})\n마지막 확인 실패: 이 API 키로는 이 조직의 Atlas 연결을 관리할 수 없습니다.\n2분 전에 확인함`,
    );
    expect(badgeTitle({ orgId, status: 'NOT_SYNCED', checkedAt: now }, 'NOT_SYNCED', now)).toContain(
      '동기화 안 됨(연결 확인 안 됨)',
    );
    expect(
      badgeTitle({ orgId, status: 'NOT_SYNCED', statusFrom: 'link', checkedAt: now }, 'NOT_SYNCED', now),
    ).toContain('연결됨, 동기화 안 됨');
  });
});
