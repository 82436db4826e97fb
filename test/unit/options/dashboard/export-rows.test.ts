// The dashboard's Export CSV as the tracker a consultant hands to a client (#32 item 3): the client, the Atlas target
// by name and id, the status, the error as the page's sentence beside its code, the note, UTC times; in English and
// Korean; and the formula guard on every cell that comes from outside (names, notes, labels).
import { describe, expect, it, vi } from 'vitest';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';
import type { ProfileView } from '../../../../src/shared/domain';
import { messagesOf } from '../../../support/catalogue';

const lookup = vi.hoisted(() => ({ locale: 'en' as 'en' | 'ko' }));
vi.mock('webextension-polyfill', () => ({
  default: { i18n: { getMessage: (key: string, subs?: string | string[]) => messagesOf(lookup.locale)(key, subs) } },
}));
const { rowsToCsv } = await import('../../../../src/options/dashboard/export-rows');

const id = (c: string) => c.repeat(24);
const atlasKeyPair = (label: string, orgId: string, name: string) =>
  ({
    id: `atlas-${orgId}`,
    label,
    side: 'atlas',
    org: { id: orgId, name },
    publicKey: 'abcdefgh',
    maskedPrivateKey: '****',
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
  }) as unknown as ProfileView;
const profiles = [atlasKeyPair('Acme', id('a'), 'Acme Atlas')];
const CHECKED = Date.UTC(2026, 2, 4, 23, 30, 5);

const rows: DashboardRow[] = [
  {
    orgId: id('1'),
    name: 'Acme Prod',
    profileId: 'cm1',
    profileLabel: 'Acme',
    status: 'SYNCED',
    checkedAt: CHECKED,
    atlasOrgId: id('a'),
    atlasTarget: 'default',
    note: 'TICKET-1',
  },
  {
    orgId: id('2'),
    name: '=HYPERLINK("http://evil")',
    profileId: 'cm1',
    profileLabel: 'Acme',
    checkedAt: CHECKED,
    // A target no saved key pair serves any more: its id is all the page knows.
    atlasOrgId: id('f'),
    error: { kind: 'ip-not-allowed', params: { ip: '203.0.113.7' } },
    note: '+1 call the client; @ops',
    lastAction: { time: CHECKED, operation: 'link', result: 'ip-not-allowed', ok: false },
  },
  { orgId: id('3') },
];

const parse = (text: string) =>
  text
    .replace(/^\uFEFF/, '')
    .trimEnd()
    .split('\r\n');

describe('the dashboard export', () => {
  it('gives client, Atlas target and id, status, the error sentence and its code, the note and UTC times', () => {
    lookup.locale = 'en';
    const [header, synced, failed, bare] = parse(rowsToCsv(rows, profiles));
    expect(header).toBe(
      'Organization,Org ID,Client,Atlas target,Atlas target ID,Link status,Error,Error code,Note,Checked (UTC),' +
        'Last action,Last action at (UTC)',
    );
    expect(synced).toBe(
      `Acme Prod,${id('1')},Acme,Acme Atlas,${id('a')},"Linked, synced",,,TICKET-1,2026-03-04T23:30:05.000Z,,`,
    );
    expect(failed).toBe(
      [
        `"'=HYPERLINK(""http://evil"")"`,
        id('2'),
        'Acme',
        '',
        id('f'),
        'Error',
        "This computer's IP address 203.0.113.7 is not on the API key's access list.",
        'ip-not-allowed',
        "'+1 call the client; @ops",
        '2026-03-04T23:30:05.000Z',
        'link failed',
        '2026-03-04T23:30:05.000Z',
      ]
        .map((cell) => (/[;,]/.test(cell) && !cell.startsWith('"') ? `"${cell}"` : cell))
        .join(','),
    );
    expect(bare).toBe(`,${id('3')},,,,Not checked,,,,,,`);
  });

  it('words the header, status and error in Korean, keeping the code and the times as they are', () => {
    lookup.locale = 'ko';
    const [header, , failed] = parse(rowsToCsv(rows, profiles));
    expect(header).toBe(
      '조직,조직 ID,고객사,Atlas 대상,Atlas 대상 ID,연결 상태,오류,오류 코드,메모,확인 시각(UTC),마지막 작업,' +
        '마지막 작업 시각(UTC)',
    );
    expect(failed).toContain('이 컴퓨터의 IP 주소(203.0.113.7)가 API 키의 액세스 목록에 없습니다.');
    expect(failed).toContain(',ip-not-allowed,');
    expect(failed).toContain(',2026-03-04T23:30:05.000Z,');
  });
});
