// Protects findCallerIp (caller-ip.ts, issue #18), which names the caller's address in an access-list error: an
// IPv4 octet may be 255 but not 256, a sentence's full stop after an IPv6 address is not part of it, a bare '::' or
// a clock time is no address, and a text over 2000 characters is not searched.
import { describe, expect, it } from 'vitest';
import { findCallerIp } from '../../../../src/core/cloudmanager/caller-ip';

describe('findCallerIp', () => {
  it.each([
    ['from 10.0.0.255 refused', '10.0.0.255'],
    ['from 255.255.255.255 refused', '255.255.255.255'],
    ['from 10.0.0.256 refused', undefined],
    ['from 10.0.0.256 or 192.0.2.9', '192.0.2.9'],
    ['IP address 2001:DB8::7.', '2001:db8::7'],
    ['IP address 2001:db8::7 is not allowed', '2001:db8::7'],
    // Only a full stop at the end is dropped: a dot inside is part of the text, and '::1.2' is no address ('::12' is).
    ['refused from ::1.2', undefined],
    ['refused from ::1.2.', undefined],
    ['at :: nothing', undefined],
    ['at :: then fe80::1', 'fe80::1'],
    ['at 12:30:45 the key was refused', undefined],
    ['at 12:30:45 from ::1', '::1'],
    ['no address here', undefined],
  ])('%j → %s', (text, ip) => {
    expect(findCallerIp([text])).toBe(ip);
  });

  it('takes the first text that names one, skipping texts that are not strings', () => {
    expect(findCallerIp([42, null, 'nothing', 'from 198.51.100.4'])).toBe('198.51.100.4');
  });

  it('searches a text of exactly 2000 characters but not one of 2001', () => {
    const at2000 = `${'x'.repeat(1991)} 1.2.3.4 `;
    expect(at2000).toHaveLength(2000);
    expect(findCallerIp([at2000])).toBe('1.2.3.4');
    expect(findCallerIp([`${at2000}y`])).toBeUndefined();
    expect(findCallerIp([`${at2000}y`, 'from 5.6.7.8'])).toBe('5.6.7.8');
  });
});
