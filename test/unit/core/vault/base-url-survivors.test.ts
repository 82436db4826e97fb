// A key pair's server address (base-url.ts), for the properties mutation testing found unprotected (issue #18): the
// kind, variant and field of each refusal, and which 127.x.y.z addresses count as this machine.
import { describe, expect, it } from 'vitest';
import { isInsecureHttp, isLoopbackHost, normalizeBaseUrl } from '../../../../src/core/vault';
import { vaultErrorOf } from './backup-fixtures';

async function refusal(url: string) {
  const error = await vaultErrorOf(() => normalizeBaseUrl(url));
  return { kind: error.kind, variant: error.variant, field: error.field };
}
const refused = (variant: string) => ({ kind: 'invalid-base-url', variant, field: 'baseUrl' });

describe('normalizeBaseUrl refuses by variant, naming the field', () => {
  it('an address that is not a URL is not-a-url', async () => {
    for (const url of ['ops.example.com', 'https://', 'http://exa mple.com']) {
      expect(await refusal(url)).toEqual(refused('not-a-url'));
    }
  });

  it('another scheme is scheme', async () => {
    for (const url of ['ftp://ops.example.com', 'javascript:alert(1)', 'file:///etc/passwd']) {
      expect(await refusal(url)).toEqual(refused('scheme'));
    }
  });

  it('a path, query, fragment or credentials is has-path', async () => {
    for (const url of ['https://ops.example.com/api', 'https://ops.example.com/?a=1', 'https://u:p@ops.example.com']) {
      expect(await refusal(url)).toEqual(refused('has-path'));
    }
  });

  it('http:// to another machine is insecure-http, unless the risk was accepted', async () => {
    expect(await refusal('http://ops.example.com:8080')).toEqual(refused('insecure-http'));
    expect(normalizeBaseUrl('http://ops.example.com:8080', { allowInsecureHttp: true })).toBe(
      'http://ops.example.com:8080',
    );
  });
});

describe('loopback addresses', () => {
  it('any 127.x.y.z with one- to three-digit parts is this machine', () => {
    for (const host of ['127.0.0.1', '127.10.0.1', '127.0.10.1', '127.0.0.10', '127.255.255.254', '127.1.22.233']) {
      expect([host, isLoopbackHost(host)]).toEqual([host, true]);
      expect(isInsecureHttp(`http://${host}`)).toBe(false);
      expect(normalizeBaseUrl(`http://${host}:8080`)).toBe(`http://${host}:8080`);
    }
  });

  it('a name that only ends in 127.x.y.z is not', () => {
    for (const host of ['10.127.0.0.1', 'x127.0.0.1', 'evil.127.0.0.1', '1127.0.0.1', '127.0.0.1.evil']) {
      expect([host, isLoopbackHost(host)]).toEqual([host, false]);
    }
    expect(isInsecureHttp('http://evil127.0.0.1.example.com')).toBe(true);
  });
});
