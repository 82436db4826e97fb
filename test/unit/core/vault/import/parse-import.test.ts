// What a user pastes (CSV from a spreadsheet, JSON, an Atlas CLI or mongocli config.toml) reads as the key pairs
// they hold, each checked by the single add's rules before any call.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { keyPairProblem, parseImport, withSecret } from '../../../../../src/core/vault/import';

const UUID = '0d3c1f6e-8b7a-4c2d-9e1f-123456789abc';

function lines(text: string, fileName?: string) {
  const parsed = parseImport(text, fileName);
  if (!parsed.ok) throw new Error(`not parsed: ${JSON.stringify(parsed.problem)}`);
  return parsed;
}

describe('CSV', () => {
  it('reads each row under its header, with its row number, in any column order', () => {
    const parsed = lines(
      [
        'side,client,privateKey,publicKey,server,accessListIps',
        `cloud-manager,Acme Retail,${UUID},qwhtzmpa,,`,
        `Ops Manager,"Globex, Inc.",${UUID},abcdefgh,https://om.globex.example:8443,"203.0.113.7; 198.51.100.0/24"`,
        `atlas,Acme Retail,${UUID},zyxwvuts,,`,
      ].join('\r\n'),
    );
    expect(parsed.format).toBe('csv');
    expect(parsed.lines.map((l) => [l.line, l.input.label, l.input.side, l.input.publicKey])).toEqual([
      [2, 'Acme Retail', 'cloud-manager', 'qwhtzmpa'],
      [3, 'Globex, Inc.', 'ops-manager', 'abcdefgh'],
      [4, 'Acme Retail', 'atlas', 'zyxwvuts'],
    ]);
    expect(parsed.lines[1]!.input.baseUrl).toBe('https://om.globex.example:8443');
    expect(parsed.lines[1]!.input.accessListIps).toEqual(['203.0.113.7', '198.51.100.0/24']);
    expect(parsed.lines.every((l) => !l.problem && !keyPairProblem(l))).toBe(true);
  });

  it('names the required columns a header lacks', () => {
    const parsed = parseImport('client,publicKey\nAcme,qwhtzmpa');
    expect(parsed).toMatchObject({ ok: false, problem: { kind: 'missing-columns', columns: ['side', 'privateKey'] } });
  });

  it('reads a service account by its credential column, and refuses one for Ops Manager by the add rule', () => {
    const parsed = lines(
      'client,side,credential,publicKey,privateKey\n' +
        'Acme,atlas,service-account,mdb_sa_id_0123456789abcdef01234567,mdb_sa_sk_abcdefghijklmnopqrstuvwxyz\n' +
        'Acme,ops-manager,service-account,mdb_sa_id_0123456789abcdef01234568,mdb_sa_sk_abcdefghijklmnopqrstuvwxyz,',
    );
    expect(parsed.lines[0]!.input.credential).toBe('service-account');
    expect(keyPairProblem(parsed.lines[0]!)).toBeUndefined();
    expect(keyPairProblem(parsed.lines[1]!)).toMatchObject({ kind: 'invalid-profile', variant: 'credential-side' });
  });

  it('says what is wrong with each bad line and keeps the good ones', () => {
    const parsed = lines(
      [
        'client,side,publicKey,privateKey,server,credential',
        `,atlas,aaaaaaaa,${UUID},,`,
        `Acme,mars,bbbbbbbb,${UUID},,`,
        `Acme,atlas,cccccccc,${UUID},,token`,
        `Acme,cloud-manager,dd dd,${UUID},,`,
        `Acme,cloud-manager,eeeeeeee,${UUID},https://om.example.com,`,
        `Acme,cloud-manager,ffffffff,${UUID},,`,
        `Other,cloud-manager,ffffffff,${UUID},,`,
      ].join('\n'),
    );
    const verdicts = parsed.lines.map((l) => l.problem?.kind ?? keyPairProblem(l)?.variant ?? 'ok');
    expect(verdicts).toEqual([
      'missing-field',
      'unknown-side',
      'unknown-credential',
      'unsendable-character',
      'side-server',
      'ok',
      'duplicate-in-import',
    ]);
    expect(parsed.lines[6]!.problem).toEqual({ kind: 'duplicate-in-import', firstLine: 7 });
  });

  it('asks for a missing private key instead of refusing the line, and checks it once filled', () => {
    const [line] = lines('client,side,publicKey,privateKey\nAcme,cloud-manager,qwhtzmpa,').lines;
    expect(line!.needsSecret).toBe(true);
    expect(keyPairProblem(line!)).toBeUndefined();
    const filled = withSecret(line!, ` ${UUID} `);
    expect(filled.needsSecret).toBe(false);
    expect(filled.input.privateKey).toBe(UUID);
    expect(keyPairProblem(withSecret(line!, 'bad key'))).toMatchObject({ variant: 'unsendable-character' });
  });
});

describe('JSON', () => {
  it('reads an array of the same fields', () => {
    const parsed = lines(
      JSON.stringify([
        { client: 'Acme', side: 'atlas', publicKey: 'qwhtzmpa', privateKey: UUID },
        {
          label: 'Globex',
          side: 'ops-manager',
          publicKey: 'abcdefgh',
          privateKey: UUID,
          baseUrl: 'http://127.0.0.1:8080',
          accessListIps: ['203.0.113.7'],
        },
      ]),
    );
    expect(parsed.format).toBe('json');
    expect(parsed.lines[1]!.input).toMatchObject({
      label: 'Globex',
      baseUrl: 'http://127.0.0.1:8080',
      accessListIps: ['203.0.113.7'],
    });
    expect(parsed.lines.map((l) => keyPairProblem(l))).toEqual([undefined, undefined]);
  });

  it('refuses text that is not JSON or not a list', () => {
    expect(parseImport('[{"client":', 'keys.json')).toMatchObject({ ok: false, problem: { kind: 'bad-json' } });
    expect(parseImport('{"client":"Acme"}')).toMatchObject({ ok: false, problem: { kind: 'not-a-list' } });
  });
});

describe("the Atlas CLI's and mongocli's config.toml", () => {
  const config = `
telemetry_enabled = false

[default]
  org_id = "5f1a2b3c4d5e6f7a8b9c0d1e"
  public_api_key = "qwhtzmpa"
  private_api_key = "${UUID}"
  service = "cloud"

[globex-om]
  ops_manager_url = "https://om.globex.example:8443/"
  public_api_key = "abcdefgh"
  private_api_key = "${UUID}"
  service = "ops-manager"

["Initech CM"]
  public_api_key = "ijklmnop"
  service = "cloud-manager"

[sa]
  client_id = "mdb_sa_id_0123456789abcdef01234567"
  client_secret = "mdb_sa_sk_abcdefghijklmnopqrstuvwxyz"

[gov]
  public_api_key = "govgovgo"
  private_api_key = "${UUID}"
  service = "cloudgov"

[login]
  auth_type = "user_account"
`;

  it('reads one key pair per profile, the profile name as its client', () => {
    const parsed = lines(config);
    expect(parsed.format).toBe('toml');
    expect(
      parsed.lines.map((l) => [l.input.label, l.input.side, l.input.credential, l.input.publicKey, l.needsSecret]),
    ).toEqual([
      ['default', 'atlas', 'api-key', 'qwhtzmpa', false],
      ['globex-om', 'ops-manager', 'api-key', 'abcdefgh', false],
      ['Initech CM', 'cloud-manager', 'api-key', 'ijklmnop', true],
      ['sa', 'atlas', 'service-account', 'mdb_sa_id_0123456789abcdef01234567', false],
      ['gov', 'atlas', 'api-key', 'govgovgo', false],
      ['login', 'atlas', 'api-key', '', true],
    ]);
    expect(parsed.lines[1]!.input.baseUrl).toBe('https://om.globex.example:8443/');
    expect(keyPairProblem(parsed.lines[1]!)).toBeUndefined();
    // Atlas for Government: refused by the side rule (no other server for an Atlas key pair), not by a copy of it.
    expect(keyPairProblem(parsed.lines[4]!)).toMatchObject({ variant: 'side-server' });
    expect(parsed.lines[5]!.problem).toEqual({ kind: 'no-credential' });
  });

  it('refuses text that is not TOML', () => {
    expect(parseImport('[default]\npublic_api_key = "unterminated')).toMatchObject({
      ok: false,
      problem: { kind: 'bad-toml' },
    });
  });
});

describe('any text', () => {
  const safeText = fc.string({ unit: fc.constantFrom('a', 'b', 'Z', '1', ' ', '-', '.', 'é', '"', ',', '\n') });
  const row = fc.record({
    client: fc.string({ unit: fc.constantFrom('A', 'c', 'm', 'e', ' ', ',', '"', '한'), minLength: 1, maxLength: 20 }),
    side: fc.constantFrom('cloud-manager', 'ops-manager', 'atlas'),
    publicKey: fc.stringMatching(/^[a-z]{8}$/),
    privateKey: fc.uuid(),
  });
  const csvField = (value: string) => `"${value.replace(/"/g, '""')}"`;

  it('never throws, whatever is pasted', () => {
    fc.assert(
      fc.property(safeText, fc.constantFrom(undefined, 'a.csv', 'a.json', 'a.toml'), (text, fileName) => {
        const parsed = parseImport(text, fileName);
        if (parsed.ok) for (const line of parsed.lines) keyPairProblem(line);
      }),
    );
  });

  it('reads back exactly the key pairs a CSV was written from, quoted however needed', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 15 }), fc.constantFrom('\n', '\r\n'), (rows, eol) => {
        const text = [
          'client,side,publicKey,privateKey',
          ...rows.map((r) => [r.client, r.side, r.publicKey, r.privateKey].map(csvField).join(',')),
        ].join(eol);
        const parsed = parseImport(text);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        expect(parsed.lines.map((l) => [l.input.label, l.input.side, l.input.publicKey, l.input.privateKey])).toEqual(
          rows.map((r) => [r.client.trim(), r.side, r.publicKey, r.privateKey]),
        );
      }),
    );
  });

  it('reads the same key pairs from JSON as from CSV', () => {
    fc.assert(
      fc.property(fc.array(row, { minLength: 1, maxLength: 10 }), (rows) => {
        const csv = [
          'client,side,publicKey,privateKey',
          ...rows.map((r) => [r.client, r.side, r.publicKey, r.privateKey].map(csvField).join(',')),
        ].join('\n');
        const fromCsv = parseImport(csv);
        const fromJson = parseImport(JSON.stringify(rows));
        expect(fromJson.ok && fromCsv.ok).toBe(true);
        if (!fromJson.ok || !fromCsv.ok) return;
        expect(fromJson.lines.map((l) => [l.input, l.problem])).toEqual(fromCsv.lines.map((l) => [l.input, l.problem]));
      }),
    );
  });

  it('marks every later copy of a credential, never the first', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('aaaaaaaa', 'bbbbbbbb', 'cccccccc'), { minLength: 1, maxLength: 12 }),
        (keys) => {
          const text = JSON.stringify(
            keys.map((publicKey) => ({ client: 'Acme', side: 'atlas', publicKey, privateKey: UUID })),
          );
          const parsed = parseImport(text);
          if (!parsed.ok) throw new Error('not parsed');
          parsed.lines.forEach((line, i) => {
            const first = keys.indexOf(keys[i]!);
            expect(line.problem).toEqual(
              first === i ? undefined : { kind: 'duplicate-in-import', firstLine: first + 1 },
            );
          });
        },
      ),
    );
  });

  it('reads profiles of any name from config.toml as clients', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.stringMatching(/^[A-Za-z][A-Za-z0-9 _-]{0,15}$/), { minLength: 1, maxLength: 8 }),
        (names) => {
          const text = names
            .map((n, i) => `["${n}"]\npublic_api_key = "k${String(i).padStart(7, 'a')}"\nprivate_api_key = "${UUID}"\n`)
            .join('\n');
          const parsed = parseImport(text);
          if (!parsed.ok) throw new Error(JSON.stringify(parsed.problem));
          expect(parsed.format).toBe('toml');
          expect(parsed.lines.map((l) => l.input.label)).toEqual(names.map((n) => n.trim()));
        },
      ),
    );
  });
});
