// Korean particles in the Korean catalogue: a particle that depends on the sound before it (이/가, 을/를, 은/는, 과/와,
// 으로/로) is never written as a pair such as 이(가) or (를), which shows on screen as it is, and never follows a
// placeholder directly, whose last sound the text cannot know: a fixed noun or parentheses go before the particle
// ("IP 주소($IP$)가", "$ORG$ 조직을").
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

type Catalogue = Record<string, { message: string }>;

// A bracketed particle anywhere, with or without its other form before it: 이(가), (를), 을(를), (으)로, (과)…
const PAIR = /\((?:가|이|를|을|는|은|와|과|으|로|으로)\)/;
// A sound-dependent particle glued to a placeholder: $ORG$을, $IP$이, $LABEL$과, $NAME$으로, $X$로…
const AFTER_PLACEHOLDER = /\$[A-Z_]+\$(?:이|가|을|를|은|는|과|와|으로|로)(?![가-힣])/;

/** The keys whose message writes a particle pair, or a sound-dependent particle right after a placeholder. */
function particleFaults(catalogue: Catalogue): string[] {
  return Object.entries(catalogue)
    .filter(([, v]) => PAIR.test(v.message) || AFTER_PLACEHOLDER.test(v.message))
    .map(([k]) => k);
}

describe('Korean particles', () => {
  it('finds the faults it guards against', () => {
    const samples: Catalogue = {
      ipPair: { message: '$IP$이(가) 액세스 목록에 없습니다.' },
      orgPair: { message: '$ORG$을(를) 연결했습니다.' },
      lonePair: { message: '토큰(를) 붙여 넣으세요.' },
      withPair: { message: '$ORG$ 조직과(와) Atlas' },
      topicPair: { message: '$LABEL$은(는) 저장되었습니다.' },
      towardPair: { message: '$NAME$(으)로 바꿉니다.' },
      glued: { message: '$ORG$을 연결했습니다.' },
      gluedSubject: { message: '$IP$가 없습니다.' },
      fine: { message: 'IP 주소($IP$)가 $ORG$ 조직의 목록에 없습니다. $COUNT$개, $SECONDS$초, $ORG$에서, $LABEL$의' },
    };
    expect(particleFaults(samples)).toEqual([
      'ipPair',
      'orgPair',
      'lonePair',
      'withPair',
      'topicPair',
      'towardPair',
      'glued',
      'gluedSubject',
    ]);
  });

  it('writes none in the Korean catalogue', () => {
    const ko = JSON.parse(readFileSync('public/_locales/ko/messages.json', 'utf8')) as Catalogue;
    expect(Object.keys(ko).length).toBeGreaterThan(200);
    expect(particleFaults(ko)).toEqual([]);
  });
});
