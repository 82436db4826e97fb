// The sandbox's Digest: the exact Cloud Manager challenge, success, wrong password, unknown user, uri mismatch,
// stale nonces (right credentials → stale=true), nc replay, nonce reuse both ways, nonces bound to a user or not;
// plus the request log.
import { afterEach, describe, expect, it } from 'vitest';
import { DigestVerifier } from '../../../sandbox/digest-verifier';
import { loadDemoFixture } from '../../../sandbox/fixture';
import { type Sandbox, startSandbox } from '../../../sandbox/server';
import { authorization, type Challenge, digestRequest, parseChallenge } from './digest-client';

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

  it('with noncesOnMigrationClock, a nonce goes stale when the migration clock passes its lifetime (bench minutes)', async () => {
    for (const onClock of [false, true]) {
      const { sb, base, owner, path } = await start({ noncesOnMigrationClock: onClock });
      const challenge = await challengeFor(base, path);
      sb.advanceClock(61_000);
      const r = await fetch(base + path, {
        headers: {
          Authorization: authorization({
            username: owner.publicKey,
            password: owner.privateKey,
            method: 'GET',
            uri: path,
            challenge,
          }),
        },
      });
      expect(r.status).toBe(onClock ? 401 : 200);
      if (onClock) expect(parseChallenge(r.headers.get('www-authenticate')).stale).toBe(true);
      await sb.close();
      sandbox = undefined;
    }
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

describe('nonceBoundToUser', () => {
  async function twoUsers(options: Parameters<typeof startSandbox>[0]) {
    const { sb, base } = await start(options);
    const key = (name: string) => sb.fixture.keys.find((k) => k.name === name)!;
    const send = (name: string, path: string, challenge: Challenge, nc: number, password?: string) =>
      fetch(base + path, {
        headers: {
          Authorization: authorization({
            username: key(name).publicKey,
            password: password ?? key(name).privateKey,
            method: 'GET',
            uri: path,
            challenge,
            nc,
          }),
        },
      });
    const orgPath = (name: string) => `/api/public/v1.0/orgs/${Object.keys(key(name).roles)[0]}`;
    return { sb, base, send, orgPath };
  }

  it('off (the default): a nonce, once issued, is accepted from any key', async () => {
    const { base, send, orgPath } = await twoUsers({});
    const challenge = await challengeFor(base, orgPath('owner'));
    expect((await send('owner', orgPath('owner'), challenge, 1)).status).toBe(200);
    expect((await send('globex', orgPath('globex'), challenge, 2)).status).toBe(200);
    expect((await send('owner', orgPath('owner'), challenge, 3)).status).toBe(200);
  });

  it("on: the first key to sign with a nonce owns it; another key's right answer gets stale=true", async () => {
    const { sb, base, send, orgPath } = await twoUsers({ nonceBoundToUser: true });
    const challenge = await challengeFor(base, orgPath('owner'));
    expect((await send('owner', orgPath('owner'), challenge, 1)).status).toBe(200);
    const foreign = await send('globex', orgPath('globex'), challenge, 2);
    expect(foreign.status).toBe(401);
    const next = parseChallenge(foreign.headers.get('www-authenticate'));
    expect(next.stale).toBe(true);
    expect(next.nonce).not.toBe(challenge.nonce);
    expect(await foreign.json()).toMatchObject({ error: 401, detail: 'You are not authorized for this resource.' });
    // A wrong password is still a wrong key, never stale.
    const wrong = await send('globex', orgPath('globex'), challenge, 3, 'wrong');
    expect(parseChallenge(wrong.headers.get('www-authenticate')).stale).toBe(false);
    // The owner keeps its nonce; the other key works with a nonce of its own.
    expect((await send('owner', orgPath('owner'), challenge, 4)).status).toBe(200);
    expect((await send('globex', orgPath('globex'), next, 1)).status).toBe(200);
    expect(
      sb.log.filter((e) => e.username === sb.fixture.keys.find((k) => k.name === 'globex')!.publicKey),
    ).toHaveLength(1);
  });

  it('the verifier names the reason foreign-nonce', () => {
    const keys = loadDemoFixture().keys;
    const owner = keys.find((k) => k.name === 'owner')!;
    const globex = keys.find((k) => k.name === 'globex')!;
    const sign = (bound: boolean) => {
      const verifier = new DigestVerifier(
        { nonceLifetimeMs: 60_000, acceptNonceReuse: true, nonceBoundToUser: bound },
        () => keys,
      );
      const challenge = parseChallenge(verifier.challenge(false));
      const header = (k: typeof owner, nc: number) =>
        authorization({ username: k.publicKey, password: k.privateKey, method: 'GET', uri: '/x', challenge, nc });
      return [verifier.verify('GET', '/x', header(owner, 1)), verifier.verify('GET', '/x', header(globex, 2))];
    };
    expect(sign(true)).toEqual([
      { ok: true, key: owner },
      { ok: false, stale: true, reason: 'foreign-nonce' },
    ]);
    expect(sign(false)).toEqual([
      { ok: true, key: owner },
      { ok: true, key: globex },
    ]);
  });

  it('lets a listener not know some keys: they are answered as an unknown user', () => {
    const keys = loadDemoFixture().keys;
    const ops = keys.find((k) => k.name === 'opsmanager')!;
    const verifier = new DigestVerifier({ nonceLifetimeMs: 60_000, acceptNonceReuse: true }, () => keys);
    const challenge = parseChallenge(verifier.challenge(false));
    const header = (nc: number) =>
      authorization({ username: ops.publicKey, password: ops.privateKey, method: 'GET', uri: '/x', challenge, nc });
    expect(verifier.verify('GET', '/x', header(1), (k) => !k.global)).toEqual({
      ok: false,
      stale: false,
      reason: 'unknown-user',
    });
    expect(verifier.verify('GET', '/x', header(2))).toEqual({ ok: true, key: ops });
  });
});
