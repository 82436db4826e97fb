// An Ops Manager server's external addresses as a user types them: which entries are refused and why (named one by
// one), the normal form of the accepted ones, duplicates removed, the cap; and, as properties, that any valid
// address or block comes out in a form that reads back to itself, and that separators never matter.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  checkExternalAddresses,
  MAX_EXTERNAL_ADDRESSES,
  parseExternalAddresses,
  readAddressEntry,
  readAddressList,
} from '../../../../src/core/vault/external-addresses';
import { VaultError } from '../../../../src/core/vault/vault-error';

const accepted = (text: string) => {
  const parsed = parseExternalAddresses(text);
  if (!parsed.ok) throw new Error(`refused: ${JSON.stringify(parsed)}`);
  return parsed.addresses;
};

describe('parseExternalAddresses: exact examples', () => {
  it('reads entries separated by commas, spaces, tabs and new lines, in the order typed', () => {
    expect(accepted('203.0.113.7, 198.51.100.0/24\n2001:db8::/32\t10.0.0.1')).toEqual([
      '203.0.113.7',
      '198.51.100.0/24',
      '2001:db8::/32',
      '10.0.0.1',
    ]);
  });

  it('nothing typed is an empty list', () => {
    expect(accepted('')).toEqual([]);
    expect(accepted(' ,\n ,, ')).toEqual([]);
  });

  it('writes IPv6 in its normal form: lowercase, no leading zeros, the longest zero run as ::', () => {
    expect(accepted('2001:0DB8:0000:0000:0000:0000:0000:0001')).toEqual(['2001:db8::1']);
    expect(accepted('::')).toEqual(['::']);
    expect(accepted('::1')).toEqual(['::1']);
    expect(accepted('fe80::')).toEqual(['fe80::']);
    // Of two equal runs the first is compressed; a single zero group is never "::".
    expect(accepted('2001:db8:0:0:1:0:0:1')).toEqual(['2001:db8::1:0:0:1']);
    expect(accepted('2001:db8:0:1:1:1:1:1')).toEqual(['2001:db8:0:1:1:1:1:1']);
    expect(accepted('1:0:0:2:0:0:0:3')).toEqual(['1:0:0:2::3']);
    // An embedded IPv4 address is read as the last 32 bits.
    expect(accepted('::ffff:192.0.2.1')).toEqual(['::ffff:c000:201']);
  });

  it('a block of one address is the bare address, so the two spellings count once', () => {
    expect(accepted('203.0.113.7/32 203.0.113.7 2001:db8::1/128 2001:DB8::1')).toEqual(['203.0.113.7', '2001:db8::1']);
  });

  it('removes duplicates after normalising, keeping the first place', () => {
    expect(accepted('10.0.0.0/8, 192.0.2.1, 10.0.0.0/8, 2001:db8::/32, 2001:0db8:0::/32')).toEqual([
      '10.0.0.0/8',
      '192.0.2.1',
      '2001:db8::/32',
    ]);
  });

  it('accepts the extremes: /0 blocks, 0.0.0.0, 255.255.255.255', () => {
    expect(accepted('0.0.0.0/0 ::/0 255.255.255.255 0.0.0.0')).toEqual([
      '0.0.0.0/0',
      '::/0',
      '255.255.255.255',
      '0.0.0.0',
    ]);
  });

  it('names every wrong entry with what is wrong, and keeps none of the list', () => {
    expect(parseExternalAddresses('256.1.1.1 ok.example 1.2.3.4/33 10.0.0.1/8 01.2.3.4 2001:db8:::1 1.2.3.4')).toEqual({
      ok: false,
      problems: [
        { kind: 'bad-octet', entry: '256.1.1.1' },
        { kind: 'not-an-address', entry: 'ok.example' },
        { kind: 'bad-prefix', entry: '1.2.3.4/33' },
        { kind: 'host-bits', entry: '10.0.0.1/8', network: '10.0.0.0/8' },
        { kind: 'bad-octet', entry: '01.2.3.4' },
        { kind: 'bad-ipv6', entry: '2001:db8:::1' },
      ],
    });
  });

  it.each([
    ['1.2.3', 'not-an-address'],
    ['1.2.3.4.5', 'not-an-address'],
    ['1..2.3', 'not-an-address'],
    ['-1.2.3.4', 'not-an-address'],
    ['1.2.3.4/', 'bad-prefix'],
    ['1.2.3.4/-1', 'bad-prefix'],
    ['1.2.3.4/08', 'bad-prefix'],
    ['1.2.3.4/1/2', 'bad-prefix'],
    ['2001:db8::/129', 'bad-prefix'],
    ['1:2:3:4:5:6:7', 'bad-ipv6'],
    ['1:2:3:4:5:6:7:8:9', 'bad-ipv6'],
    ['1:2:3:4:5:6:7:8::', 'bad-ipv6'],
    ['1::2::3', 'bad-ipv6'],
    ['12345::', 'bad-ipv6'],
    ['g::1', 'bad-ipv6'],
    ['fe80::1%eth0', 'bad-ipv6'],
    ['1.2.3.4::', 'bad-ipv6'],
    ['::1.2.3.4:5', 'bad-ipv6'],
    ['::256.0.0.1', 'bad-ipv6'],
  ])('%s is refused as %s', (entry, kind) => {
    expect(readAddressEntry(entry)).toEqual({ ok: false, problem: { kind, entry } });
  });

  it.each([
    ['192.0.2.1/24', '192.0.2.0/24'],
    ['192.0.2.129/25', '192.0.2.128/25'],
    ['10.1.2.3/0', '0.0.0.0/0'],
    ['2001:db8::1/64', '2001:db8::/64'],
    ['2001:db8:ffff::/33', '2001:db8:8000::/33'],
  ])('%s has host bits set: the block is %s', (entry, network) => {
    expect(readAddressEntry(entry)).toEqual({ ok: false, problem: { kind: 'host-bits', entry, network } });
  });

  it('an entry longer than any address is shown cut, never whole', () => {
    const long = '1'.repeat(100);
    expect(readAddressEntry(long)).toEqual({
      ok: false,
      problem: { kind: 'not-an-address', entry: `${'1'.repeat(64)}…` },
    });
  });

  it(`caps the list at ${MAX_EXTERNAL_ADDRESSES} distinct addresses (duplicates do not count)`, () => {
    const addresses = Array.from({ length: MAX_EXTERNAL_ADDRESSES + 1 }, (_, i) => `192.0.2.${i}`);
    expect(accepted(addresses.slice(0, MAX_EXTERNAL_ADDRESSES).join(' '))).toHaveLength(MAX_EXTERNAL_ADDRESSES);
    expect(accepted([...addresses.slice(0, MAX_EXTERNAL_ADDRESSES), '192.0.2.0'].join(' '))).toHaveLength(
      MAX_EXTERNAL_ADDRESSES,
    );
    expect(parseExternalAddresses(addresses.join(' '))).toEqual({
      ok: false,
      problems: [],
      tooMany: { count: MAX_EXTERNAL_ADDRESSES + 1, max: MAX_EXTERNAL_ADDRESSES },
    });
  });
});

describe('readAddressList and checkExternalAddresses: a list sent by a page or held by a file', () => {
  it('reads each element as one entry, never splitting it', () => {
    expect(readAddressList(['192.0.2.1', '2001:DB8::/32'])).toEqual({
      ok: true,
      addresses: ['192.0.2.1', '2001:db8::/32'],
    });
    expect(readAddressList(['192.0.2.1 192.0.2.2'])).toEqual({
      ok: false,
      problems: [{ kind: 'not-an-address', entry: '192.0.2.1 192.0.2.2' }],
    });
  });

  it('is no list at all when it is not a list of text', () => {
    expect(readAddressList('192.0.2.1')).toBeUndefined();
    expect(readAddressList([1])).toBeUndefined();
    expect(readAddressList({ 0: '192.0.2.1' })).toBeUndefined();
  });

  it('refuses a far too long list before reading it', () => {
    const list = Array.from({ length: MAX_EXTERNAL_ADDRESSES * 4 + 1 }, () => '192.0.2.1');
    expect(readAddressList(list)).toEqual({
      ok: false,
      problems: [],
      tooMany: { count: MAX_EXTERNAL_ADDRESSES * 4 + 1, max: MAX_EXTERNAL_ADDRESSES },
    });
  });

  it('an Ops Manager key pair gets its list in normal form; nothing sent is an empty list', () => {
    expect(checkExternalAddresses(['192.0.2.1/32', '192.0.2.1'], 'ops-manager')).toEqual(['192.0.2.1']);
    expect(checkExternalAddresses(undefined, 'ops-manager')).toEqual([]);
    expect(checkExternalAddresses([], 'atlas')).toEqual([]);
  });

  it.each([
    [['192.0.2.1'], 'cloud-manager', 'addresses-need-ops-manager'],
    [['192.0.2.1'], 'atlas', 'addresses-need-ops-manager'],
    [['192.0.2.1/24'], 'ops-manager', 'bad-address'],
    ['192.0.2.1', 'ops-manager', 'bad-address'],
    [Array.from({ length: 51 }, (_, i) => `192.0.2.${i}`), 'ops-manager', 'too-many-addresses'],
  ] as const)('%j on %s is refused as %s', (list, side, variant) => {
    let error: unknown;
    try {
      checkExternalAddresses(list, side);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(VaultError);
    expect(error).toMatchObject({ kind: 'invalid-profile', variant, field: 'accessListIps' });
  });
});

// Arbitraries for valid addresses and blocks (host bits cleared), written in many equivalent ways.
const octet = fc.integer({ min: 0, max: 255 });
const ipv4 = fc.tuple(octet, octet, octet, octet);
const group = fc.integer({ min: 0, max: 0xffff });
const ipv6 = fc.array(group, { minLength: 8, maxLength: 8 });

function ipv4Block(units: number[], prefix: number): string {
  const value = units.reduce((a, b) => a * 256 + b, 0);
  const size = 2 ** (32 - prefix);
  const network = Math.floor(value / size) * size;
  const parts = [24, 16, 8, 0].map((shift) => Math.floor(network / 2 ** shift) % 256);
  return `${parts.join('.')}/${prefix}`;
}

function ipv6Block(groups: number[], prefix: number): string {
  const cleared = groups.map((g, i) => {
    const kept = Math.min(16, Math.max(0, prefix - i * 16));
    return kept === 0 ? 0 : g & (0xffff ^ ((1 << (16 - kept)) - 1));
  });
  // Written in full, uppercase, with leading zeros: the parser must find the normal form itself.
  return `${cleared.map((g) => g.toString(16).toUpperCase().padStart(4, '0')).join(':')}/${prefix}`;
}

const validEntry = fc.oneof(
  ipv4.map((u) => u.join('.')),
  fc.tuple(ipv4, fc.integer({ min: 0, max: 32 })).map(([u, p]) => ipv4Block(u, p)),
  ipv6.map((g) => g.map((x) => x.toString(16)).join(':')),
  fc.tuple(ipv6, fc.integer({ min: 0, max: 128 })).map(([g, p]) => ipv6Block(g, p)),
);
const separator = fc.constantFrom(',', ' ', '\n', '\t', ', ', ' ,\n');

describe('parseExternalAddresses: properties', () => {
  it('every valid entry is accepted, and its normal form reads back to itself', () => {
    fc.assert(
      fc.property(validEntry, (entry) => {
        const first = readAddressEntry(entry);
        expect(first.ok).toBe(true);
        if (!first.ok) return;
        expect(readAddressEntry(first.address)).toEqual(first);
        expect(first.address).toBe(first.address.toLowerCase());
        expect(first.address).not.toMatch(/(^|:)0[0-9a-f]/);
      }),
    );
  });

  it('the separators between entries never change the result, and duplicates never add one', () => {
    fc.assert(
      fc.property(
        fc.array(validEntry, { maxLength: 20 }),
        fc.array(separator, { minLength: 1, maxLength: 20 }),
        (entries, seps) => {
          const typed = entries.map((e, i) => `${e}${seps[i % seps.length]}`).join('');
          const once = accepted(entries.join(','));
          expect(accepted(typed)).toEqual(once);
          expect(accepted(`${typed} ${typed}`)).toEqual(once);
          expect(new Set(once).size).toBe(once.length);
        },
      ),
    );
  });

  it('a valid address with one octet pushed above 255 is refused, naming that entry', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 3 }), fc.integer({ min: 256, max: 999 }), (u, i, big) => {
        const parts = u.map(String);
        parts[i] = String(big);
        const entry = parts.join('.');
        expect(parseExternalAddresses(`192.0.2.1, ${entry}`)).toEqual({
          ok: false,
          problems: [{ kind: 'bad-octet', entry }],
        });
      }),
    );
  });

  it('a block whose address keeps a host bit is refused with its network', () => {
    fc.assert(
      fc.property(ipv4, fc.integer({ min: 0, max: 31 }), (u, prefix) => {
        const network = ipv4Block(u, prefix);
        const [address] = network.split('/');
        // Set the last host bit: the block is no longer written at its network address.
        const parts = address!.split('.').map(Number);
        parts[3] = parts[3]! | 1;
        const entry = `${parts.join('.')}/${prefix}`;
        expect(readAddressEntry(entry)).toEqual({ ok: false, problem: { kind: 'host-bits', entry, network } });
      }),
    );
  });
});
