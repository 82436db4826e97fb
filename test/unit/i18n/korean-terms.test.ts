// Korean terms, from a native reader's review (#32 item 7): one word per meaning and the object named. Revoking a
// link token is 폐기 (취소 stays for Cancel, a button that dismisses); the run that makes link tokens and links with
// them says what it makes (토큰 생성 후 연결), never the bare 만들고 연결, which reads as "creating orgs"; 조직 is the
// MongoDB org, so a policy is the administrator's (관리자), never the 조직's; the key pair's name is the field's own
// name (고객사 이름), never 레이블; one spacing for each compound.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, { message: string }>;
const load = (locale: string): Catalogue =>
  JSON.parse(readFileSync(`public/_locales/${locale}/messages.json`, 'utf8')) as Catalogue;
const en = load('en');
const ko = load('ko');

/** The keys whose Korean message matches `pattern` (and whose English one matches `when`, if given). */
const korean = (pattern: RegExp, when?: RegExp) =>
  Object.keys(ko).filter((k) => pattern.test(ko[k]!.message) && (!when || when.test(en[k]?.message ?? '')));

describe('Korean terms', () => {
  // A message may say both (cancel a migration, then revoke): each English word has its own Korean one. Discard (a
  // preview) dismisses as Cancel does.
  const count = (text: string, word: RegExp) => text.match(new RegExp(word.source, 'gi'))?.length ?? 0;
  const mismatched = (enWord: RegExp, koWord: RegExp) =>
    Object.keys(en).filter((k) => count(ko[k]!.message, koWord) > count(en[k]!.message, enWord));

  it('says 폐기 wherever the English says revoke, and never 취소 for it', () => {
    expect(mismatched(/\b(?:cancel|discard)/, /취소/)).toEqual([]);
    const revoke = Object.keys(en).filter((k) => /\brevok/i.test(en[k]!.message) && /token/i.test(en[k]!.message));
    expect(revoke.length).toBeGreaterThan(5);
    expect(revoke.filter((k) => !/폐기/.test(ko[k]!.message))).toEqual([]);
    expect(mismatched(/\brevok/, /폐기/)).toEqual([]);
  });

  it('keeps 취소 for Cancel', () => {
    expect(ko.cancel?.message).toBe('취소');
    expect(korean(/취소/, /\bcancel/i).length).toBeGreaterThan(5);
  });

  it('names what is made before linking: no bare 만들고 연결 or 만들기와 연결', () => {
    expect(korean(/만들고 연결|만들기와 연결/)).toEqual([]);
    expect(ko.dashAtlas_runTitle?.message).toBe('토큰 생성 후 연결');
    expect(ko.atlasLinkButton?.message).toBe(ko.dashAtlas_runTitle?.message);
  });

  it("says the administrator's setting, not the 조직's: 조직 is the MongoDB org", () => {
    expect(korean(/조직에서|조직 정책/, /\byour organization/i)).toEqual([]);
    expect(ko.managedSetByOrganization?.message).toBe('관리자가 정한 설정입니다.');
  });

  it("calls the key pair's name by its field's name (고객사 이름), never 레이블", () => {
    expect(ko.fieldLabel?.message).toBe('고객사 이름');
    expect(korean(/레이블/)).toEqual([]);
  });

  it('spaces each compound one way: 줄 바꿈, 붙여 넣기', () => {
    expect(korean(/줄바꿈|붙여넣/)).toEqual([]);
    expect(korean(/줄 바꿈/).length).toBeGreaterThan(1);
    expect(korean(/붙여 넣/).length).toBeGreaterThan(1);
  });

  it("names a key pair's side as what it is for, not as an org", () => {
    expect([ko.sideCloudManager, ko.sideOpsManager, ko.sideAtlas].map((m) => m?.message)).toEqual([
      'Cloud Manager용',
      'Ops Manager 서버용',
      'Atlas용',
    ]);
  });
});
