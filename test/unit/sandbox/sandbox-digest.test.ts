// The sandbox's Digest: the exact Cloud Manager challenge, success, wrong password, unknown user, uri mismatch,
// stale nonces (right credentials → stale=true), nc replay, and nonce reuse both ways; plus the request log.
import { afterEach, describe, expect, it } from 'vitest';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { authorization, digestRequest, parseChallenge } from './digest-client';

let sandbox: Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function start(options: Parameters<typeof startSandbox>[0] = {}) {
  sandbox = await startSandbox({ httpsPort: 0, httpPort: 0, ...options });
  const owner = sandbox.fixture.keys.find((k) => k.name === 'owner')!;
  const org = sandbox.fixture.orgs[0]!;
  return { sb: sandbox, base: sandbox.httpUrl!, owner, path: `/api/public/v1.0/orgs/${org.id}` };
}

async function challengeFor(base: string, path: string) {
  const r = await fetch(base + path);
  await r.text();
  return parseChallenge(r.headers.get('www-authenticate'));
}

describe('sandbox Digest', () => {
  it('challenges exactly as Cloud Manager does, with base64 nonces', async () => {
    const { base, path } = await start();
    const nonces: string[] = [];
    for (let i = 0; i < 40; i++) {
      const r = await fetch(base + path);
      expect(r.status).toBe(401);
      const header = r.headers.get('www-authenticate')!;
      expect(header).toMatch(
        /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/]+=*", algorithm=MD5, qop="auth", stale=false$/,
      );
      expect(await r.json()).toMatchObject({ error: 401, detail: 'You are not authorized for this resource.' });
      nonces.push(parseChallenge(header).nonce);
    }
    expect(new Set(nonces).size).toBe(40);
    expect(nonces.join('')).toMatch(/[+/]/);
  });

  it('accepts a correct answer and logs the two round trips', async () => {
    const { sb, base, owner, path } = await start();
    const { response } = await digestRequest(base, { username: owner.publicKey, password: owner.privateKey, path });
    expect(response.status).toBe(200);
    expect(sb.log.map((e) => [e.method, e.status, e.authorized])).toEqual([
      ['GET', 401, false],
      ['GET', 200, true],
    ]);
    expect(sb.log[1]!.username).toBe(owner.publicKey);
  });

  it('refuses a wrong password, an unknown user and a uri mismatch with a fresh, non-stale challenge', async () => {
    const { base, owner, path } = await start();
    for (const attempt of [
      { username: owner.publicKey, password: 'wrong', uri: path },
      { username: 'nosuchkey', password: owner.privateKey, uri: path },
      { username: owner.publicKey, password: owner.privateKey, uri: `${path}?other=1` },
    ]) {
      const challenge = await challengeFor(base, path);
      const r = await fetch(base + path, {
        headers: { Authorization: authorization({ ...attempt, method: 'GET', challenge }) },
      });
      expect(r.status).toBe(401);
      const next = parseChallenge(r.headers.get('www-authenticate'));
      expect(next.stale).toBe(false);
      expect(next.nonce).not.toBe(challenge.nonce);
      expect(await r.json()).toMatchObject({ error: 401, reason: 'Unauthorized' });
    }
  });

  it('answers stale=true for an expired nonce when the credentials are right, and false when they are not', async () => {
    const { base, owner, path } = await start({ nonceLifetimeMs: 50 });
    const challenge = await challengeFor(base, path);
    await new Promise((r) => setTimeout(r, 120));
    const sign = (password: string) =>
      fetch(base + path, {
        headers: {
          Authorization: authorization({ username: owner.publicKey, password, method: 'GET', uri: path, challenge }),
        },
      });
    const right = await sign(owner.privateKey);
    expect(right.status).toBe(401);
    expect(parseChallenge(right.headers.get('www-authenticate')).stale).toBe(true);
    const wrong = await sign('wrong');
    expect(parseChallenge(wrong.headers.get('www-authenticate')).stale).toBe(false);
  });

  it('refuses a replayed nc and accepts a higher nc on a live nonce by default', async () => {
    const { base, owner, path } = await start();
    const challenge = await challengeFor(base, path);
    const send = (nc: number) =>
      fetch(base + path, {
        headers: {
          Authorization: authorization({
            username: owner.publicKey,
            password: owner.privateKey,
            method: 'GET',
            uri: path,
            challenge,
            nc,
          }),
        },
      });
    expect((await send(1)).status).toBe(200);
    const replay = await send(1);
    expect(replay.status).toBe(401);
    expect(parseChallenge(replay.headers.get('www-authenticate')).stale).toBe(false);
    expect((await send(2)).status).toBe(200);
    expect((await send(2)).status).toBe(401);
    expect((await send(5)).status).toBe(200);
  });

  it('refuses any reuse of a nonce when acceptNonceReuse is false', async () => {
    const { base, owner, path } = await start({ acceptNonceReuse: false });
    const challenge = await challengeFor(base, path);
    const send = (nc: number) =>
      fetch(base + path, {
        headers: {
          Authorization: authorization({
            username: owner.publicKey,
            password: owner.privateKey,
            method: 'GET',
            uri: path,
            challenge,
            nc,
          }),
        },
      });
    expect((await send(1)).status).toBe(200);
    const again = await send(2);
    expect(again.status).toBe(401);
    expect(again.headers.get('www-authenticate')).toContain('Digest realm="MMS Public API"');
  });
});
