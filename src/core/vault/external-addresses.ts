// An Ops Manager server's external addresses, as a user types them (commas, spaces or line breaks between
// entries): each IPv4/IPv6 address or CIDR block checked, refused by name when wrong, put in normal form, deduplicated.

import type { KeySide } from './types';
import { VaultError } from './vault-error';

/** Atlas puts these on the access list of the key a link token embeds; a server has a handful, never hundreds. */
export const MAX_EXTERNAL_ADDRESSES = 50;
/** Longer than any address or CIDR block (IPv6 with an embedded IPv4 and a prefix is under 50 characters). */
const MAX_ENTRY_LENGTH = 64;

export type AddressProblem =
  | { kind: 'not-an-address' | 'bad-octet' | 'bad-ipv6' | 'bad-prefix'; entry: string }
  /** A CIDR block whose address has bits set past its prefix: `network` is the block it probably means. */
  | { kind: 'host-bits'; entry: string; network: string };

export type ExternalAddresses =
  | { ok: true; addresses: string[] }
  | { ok: false; problems: AddressProblem[]; tooMany?: { count: number; max: number } };

/** One entry in normal form, or what is wrong with it. */
export type EntryReading = { ok: true; address: string } | { ok: false; problem: AddressProblem };

const DECIMAL_OCTET = /^(0|[1-9][0-9]{0,2})$/;

/** An IPv4 address as four numbers; undefined when it is not four decimal octets (leading zeros read as octal). */
function ipv4Octets(text: string): number[] | 'bad-octet' | undefined {
  const parts = text.split('.');
  if (parts.length !== 4 || parts.some((p) => !/^[0-9]+$/.test(p))) return undefined;
  if (parts.some((p) => !DECIMAL_OCTET.test(p) || Number(p) > 255)) return 'bad-octet';
  return parts.map(Number);
}

/** An IPv6 address as eight 16-bit groups (an embedded IPv4 in the last 32 bits allowed), or undefined. */
function ipv6Groups(text: string): number[] | undefined {
  if (!/^[0-9a-fA-F:.]+$/.test(text)) return undefined;
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const groupsOf = (part: string): number[] | undefined => {
    if (part === '') return [];
    const pieces = part.split(':');
    const groups: number[] = [];
    for (const [i, piece] of pieces.entries()) {
      if (piece.includes('.')) {
        // Only the very last piece may be dotted (an IPv4-mapped or -compatible address).
        const octets = i === pieces.length - 1 ? ipv4Octets(piece) : undefined;
        if (!Array.isArray(octets)) return undefined;
        groups.push((octets[0]! << 8) | octets[1]!, (octets[2]! << 8) | octets[3]!);
      } else if (/^[0-9a-fA-F]{1,4}$/.test(piece)) groups.push(Number.parseInt(piece, 16));
      else return undefined;
    }
    return groups;
  };
  const head = groupsOf(halves[0]!);
  const tail = halves.length === 2 ? groupsOf(halves[1]!) : [];
  if (!head || !tail) return undefined;
  // A dotted part belongs at the very end: not in the part before "::" when there is one after it.
  if (halves.length === 2 && halves[0]!.includes('.')) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1) return missing === 0 ? head : undefined;
  // "::" stands for at least one group of zeros.
  return missing >= 1 ? [...head, ...new Array<number>(missing).fill(0), ...tail] : undefined;
}

/** RFC 5952: lowercase, no leading zeros, the longest run of two or more zero groups (the first on a tie) as "::". */
function formatIpv6(groups: number[]): string {
  // Stryker disable next-line UnaryOperator: best.start is read only once best.length >= 2, and by then best has been replaced whole
  let best = { start: -1, length: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.length) best = { start: i, length: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.length < 2) return hex.join(':');
  return `${hex.slice(0, best.start).join(':')}::${hex.slice(best.start + best.length).join(':')}`;
}

/** The address's bits, most significant first, as 8-bit (IPv4) or 16-bit (IPv6) units. */
function clearHostBits(units: number[], unitBits: number, prefix: number): number[] {
  return units.map((unit, i) => {
    const kept = Math.min(unitBits, Math.max(0, prefix - i * unitBits));
    const mask = kept === 0 ? 0 : ((1 << unitBits) - 1) ^ ((1 << (unitBits - kept)) - 1);
    return unit & mask;
  });
}

const shown = (entry: string) => (entry.length > MAX_ENTRY_LENGTH ? `${entry.slice(0, MAX_ENTRY_LENGTH)}…` : entry);

/**
 * One entry: an address (IPv4 or IPv6) or a CIDR block. A block of one address (/32, /128) is written as the bare
 * address, so that "203.0.113.7" and "203.0.113.7/32" count once.
 */
export function readAddressEntry(raw: string): EntryReading {
  const entry = shown(raw);
  const fail = (kind: 'not-an-address' | 'bad-octet' | 'bad-ipv6' | 'bad-prefix'): EntryReading => ({
    ok: false,
    problem: { kind, entry },
  });
  if (raw.length > MAX_ENTRY_LENGTH) return fail('not-an-address');
  const slash = raw.indexOf('/');
  const addressText = slash === -1 ? raw : raw.slice(0, slash);
  const prefixText = slash === -1 ? undefined : raw.slice(slash + 1);

  let units: number[];
  let unitBits: number;
  let format: (u: number[]) => string;
  if (addressText.includes(':')) {
    const groups = ipv6Groups(addressText);
    if (!groups) return fail('bad-ipv6');
    [units, unitBits, format] = [groups, 16, formatIpv6];
  } else {
    const octets = ipv4Octets(addressText);
    if (octets === 'bad-octet') return fail('bad-octet');
    if (!octets) return fail('not-an-address');
    [units, unitBits, format] = [octets, 8, (u) => u.join('.')];
  }
  const width = units.length * unitBits;
  if (prefixText === undefined) return { ok: true, address: format(units) };
  if (!/^(0|[1-9][0-9]{0,2})$/.test(prefixText) || Number(prefixText) > width) return fail('bad-prefix');
  const prefix = Number(prefixText);
  if (prefix === width) return { ok: true, address: format(units) };
  const network = clearHostBits(units, unitBits, prefix);
  if (network.some((unit, i) => unit !== units[i])) {
    return { ok: false, problem: { kind: 'host-bits', entry, network: `${format(network)}/${prefix}` } };
  }
  return { ok: true, address: `${format(units)}/${prefix}` };
}

/** The entries of what the user typed: separated by commas, spaces, tabs or line breaks; empty ones ignored. */
export function splitAddressEntries(text: string): string[] {
  return text.split(/[\s,]+/).filter((entry) => entry !== '');
}

/** Reads a list of entries: every problem named, else the addresses in normal form without duplicates. */
export function readAddressEntries(entries: readonly string[]): ExternalAddresses {
  const problems: AddressProblem[] = [];
  const addresses = new Set<string>();
  for (const entry of entries) {
    const reading = readAddressEntry(entry);
    if (!reading.ok) problems.push(reading.problem);
    else addresses.add(reading.address);
  }
  const tooMany =
    addresses.size > MAX_EXTERNAL_ADDRESSES ? { count: addresses.size, max: MAX_EXTERNAL_ADDRESSES } : undefined;
  if (problems.length > 0 || tooMany) return { ok: false, problems, ...(tooMany ? { tooMany } : {}) };
  return { ok: true, addresses: [...addresses] };
}

/**
 * A list as a page or a file sends it (each element one entry, not text to split). Undefined when it is not a list
 * of text; a list far too long is refused before any entry is read.
 */
export function readAddressList(list: unknown): ExternalAddresses | undefined {
  if (!Array.isArray(list) || list.some((entry) => typeof entry !== 'string')) return undefined;
  if (list.length > MAX_EXTERNAL_ADDRESSES * 4) {
    return { ok: false, problems: [], tooMany: { count: list.length, max: MAX_EXTERNAL_ADDRESSES } };
  }
  return readAddressEntries(list as string[]);
}

/** What a user typed into the external addresses field. */
export function parseExternalAddresses(text: string): ExternalAddresses {
  return readAddressEntries(splitAddressEntries(typeof text === 'string' ? text : ''));
}

/** The external addresses a page sent, checked again here (never trusted): only an Ops Manager key pair has them. */
export function checkExternalAddresses(list: unknown, side: KeySide): string[] {
  if (list === undefined || (Array.isArray(list) && list.length === 0)) return [];
  if (side !== 'ops-manager') {
    throw new VaultError('invalid-profile', {
      variant: 'addresses-need-ops-manager',
      field: 'accessListIps',
    });
  }
  const read = readAddressList(list);
  if (read?.ok) return read.addresses;
  const tooMany = read?.tooMany !== undefined;
  throw new VaultError('invalid-profile', {
    variant: tooMany ? 'too-many-addresses' : 'bad-address',
    field: 'accessListIps',
    params: tooMany ? { max: String(MAX_EXTERNAL_ADDRESSES) } : {},
  });
}
