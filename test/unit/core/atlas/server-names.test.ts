// Every org name an Atlas Admin API answer gives is cut and cleaned where it is read (#30 item 2), as Cloud
// Manager's are: at most 256 characters, no control, line-separator or text-direction character.
import { describe, expect, it } from 'vitest';
import { readListedOrg, readOrganization } from '../../../../src/core/atlas';

const ID = '5f1a2b3c4d5e6f7a8b9c0d1e';
const HOSTILE = `Acme\u0000Atlas\n\u202Etxt.exe\u2028${'y'.repeat(200_000)}`;
/** Controls, line separators and text-direction characters (written out here, not taken from the code under test). */
const hasUnsafe = (text: string) =>
  [...text].some((c) => {
    const p = c.codePointAt(0)!;
    return (
      p < 0x20 ||
      (p >= 0x7f && p <= 0x9f) ||
      [0x61c, 0x200e, 0x200f].includes(p) ||
      (p >= 0x2028 && p <= 0x202e) ||
      (p >= 0x2066 && p <= 0x2069)
    );
  });

describe('Atlas org names', () => {
  it('a listed org and a read org are cut to 256 characters without unsafe characters', () => {
    for (const org of [readListedOrg({ id: ID, name: HOSTILE }), readOrganization({ id: ID, name: HOSTILE }, ID)]) {
      expect(org?.id).toBe(ID);
      expect(org!.name.length).toBeLessThanOrEqual(256);
      expect(hasUnsafe(org!.name)).toBe(false);
      expect(org!.name.startsWith('Acme Atlas  txt.exe yyy')).toBe(true);
    }
  });

  it('a safe name is kept as given', () => {
    expect(readListedOrg({ id: ID, name: 'Acme (Atlas) 아크미' })).toEqual({ id: ID, name: 'Acme (Atlas) 아크미' });
  });
});
