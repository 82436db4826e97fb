// An Ops Manager server's external addresses (external-addresses.ts), for the properties mutation testing found
// unprotected: which octet text is not an address at all, a full IPv6 address ending in a dotted IPv4, "::" standing
// for one group, the exact 64-character length limit, what a page's list may hold and how long it may be, text that
// is not text, and the words, variant and parameters of each refusal by checkExternalAddresses.
import { describe, expect, it } from 'vitest';
import {
  checkExternalAddresses,
  MAX_EXTERNAL_ADDRESSES,
  parseExternalAddresses,
  readAddressEntry,
  readAddressList,
} from '../../../../src/core/vault/external-addresses';
import { vaultErrorOf } from './backup-fixtures';

async function refusal(list: unknown, side: 'cloud-manager' | 'ops-manager' | 'atlas') {
  const error = await vaultErrorOf(() => checkExternalAddresses(list, side));
  return {
    kind: error.kind,
    variant: error.variant,
    field: error.field,
    params: error.params,
  };
}

describe('readAddressEntry: the edges of what an address is', () => {
  it('an octet with letters after its digits is not an address, not a bad octet', () => {
    for (const entry of ['1.2.3.4a', '1a.2.3.4', '192.0.2.1x']) {
      expect(readAddressEntry(entry)).toEqual({ ok: false, problem: { kind: 'not-an-address', entry } });
    }
  });

  it('a full IPv6 address (no "::") may end in a dotted IPv4 address', () => {
    expect(readAddressEntry('1:2:3:4:5:6:1.2.3.4')).toEqual({ ok: true, address: '1:2:3:4:5:6:102:304' });
    expect(readAddressEntry('0:0:0:0:0:ffff:192.0.2.1')).toEqual({ ok: true, address: '::ffff:c000:201' });
  });

  it('"::" may stand for a single group of zeros', () => {
    expect(readAddressEntry('1:2:3:4:5:6:7::')).toEqual({ ok: true, address: '1:2:3:4:5:6:7:0' });
    expect(readAddressEntry('::2:3:4:5:6:7:8')).toEqual({ ok: true, address: '0:2:3:4:5:6:7:8' });
    expect(readAddressEntry('1:2:3::5:6:7:8/128')).toEqual({ ok: true, address: '1:2:3:0:5:6:7:8' });
  });

  it('an entry of exactly 64 characters is read (and shown whole); one of 65 is refused unread and shown cut', () => {
    const colons64 = ':'.repeat(64);
    expect(readAddressEntry(colons64)).toEqual({ ok: false, problem: { kind: 'bad-ipv6', entry: colons64 } });
    const prefix64 = `1.2.3.4/${'1'.repeat(56)}`;
    expect(readAddressEntry(prefix64)).toEqual({ ok: false, problem: { kind: 'bad-prefix', entry: prefix64 } });

    expect(readAddressEntry(':'.repeat(65))).toEqual({
      ok: false,
      problem: { kind: 'not-an-address', entry: `${':'.repeat(64)}…` },
    });
    expect(readAddressEntry(`1.2.3.4/${'1'.repeat(57)}`)).toEqual({
      ok: false,
      problem: { kind: 'not-an-address', entry: `1.2.3.4/${'1'.repeat(56)}…` },
    });
  });
});

describe('parseExternalAddresses: what is not text', () => {
  it('a value that is not text reads as nothing typed', () => {
    for (const value of [undefined, null, 42, ['192.0.2.1']]) {
      expect(parseExternalAddresses(value as unknown as string)).toEqual({ ok: true, addresses: [] });
    }
  });
});

describe('readAddressList: which lists are read', () => {
  it('an empty list is read as no addresses', () => {
    expect(readAddressList([])).toEqual({ ok: true, addresses: [] });
  });

  it('a list with any element that is not text is no list at all', () => {
    expect(readAddressList(['192.0.2.1', 1])).toBeUndefined();
    expect(readAddressList([null, '192.0.2.1'])).toBeUndefined();
  });

  it(`a list of up to ${MAX_EXTERNAL_ADDRESSES * 4} elements is read, not refused for its length`, () => {
    expect(readAddressList(Array.from({ length: 13 }, () => '192.0.2.1'))).toEqual({
      ok: true,
      addresses: ['192.0.2.1'],
    });
    expect(readAddressList(Array.from({ length: MAX_EXTERNAL_ADDRESSES * 4 }, () => '192.0.2.1'))).toEqual({
      ok: true,
      addresses: ['192.0.2.1'],
    });
  });
});

describe('checkExternalAddresses: the variant and parameters of each refusal', () => {
  it('another side than Ops Manager is addresses-need-ops-manager', async () => {
    expect(await refusal(['192.0.2.1'], 'atlas')).toEqual({
      kind: 'invalid-profile',
      variant: 'addresses-need-ops-manager',
      field: 'accessListIps',
      params: undefined,
    });
  });

  it('more distinct addresses than allowed is too-many-addresses, with the maximum as a parameter', async () => {
    const expected = {
      kind: 'invalid-profile',
      variant: 'too-many-addresses',
      field: 'accessListIps',
      params: { max: String(MAX_EXTERNAL_ADDRESSES) },
    };
    expect(MAX_EXTERNAL_ADDRESSES).toBe(50);
    const distinct = Array.from({ length: MAX_EXTERNAL_ADDRESSES + 1 }, (_, i) => `192.0.2.${i}`);
    expect(await refusal(distinct, 'ops-manager')).toEqual(expected);
    const farTooLong = Array.from({ length: MAX_EXTERNAL_ADDRESSES * 4 + 1 }, () => '192.0.2.1');
    expect(await refusal(farTooLong, 'ops-manager')).toEqual(expected);
  });

  it('a wrong entry, or something that is not a list of text, is bad-address with no parameters', async () => {
    const expected = {
      kind: 'invalid-profile',
      variant: 'bad-address',
      field: 'accessListIps',
      params: {},
    };
    expect(await refusal(['192.0.2.1/24'], 'ops-manager')).toEqual(expected);
    expect(await refusal('192.0.2.1', 'ops-manager')).toEqual(expected);
  });
});
