// An import read rule by rule (the cases parse-import.test.ts leaves open): which format a text is, the words a user
// may write for a side or a kind of key, the columns a header may name, how CSV rows and their numbers are read, what
// a JSON element or a config.toml profile gives, the problem a line is given first, and which later lines repeat an
// earlier credential.
import { describe, expect, it } from 'vitest';
import { MAX_PROFILES } from '../../../../../src/core/vault';
import { detectFormat, type ImportLine, parseImport, withSecret } from '../../../../../src/core/vault/import';
import { parseCsvImport } from '../../../../../src/core/vault/import/csv-import';
import { csvRows } from '../../../../../src/core/vault/import/csv-rows';
import { addressList, credentialOf, sideOf } from '../../../../../src/core/vault/import/import-line';
import { lineFromFields } from '../../../../../src/core/vault/import/line-fields';

const UUID = '0d3c1f6e-8b7a-4c2d-9e1f-123456789abc';

function linesOf(text: string, fileName?: string): ImportLine[] {
  const parsed = parseImport(text, fileName);
  if (!parsed.ok) throw new Error(`not parsed: ${JSON.stringify(parsed.problem)}`);
  return parsed.lines;
}

describe('detectFormat', () => {
  it('goes by a known file extension first, in any case', () => {
    expect(detectFormat('client,side', 'keys.JSON')).toBe('json');
    expect(detectFormat('[1]', 'config.Toml')).toBe('toml');
    expect(detectFormat('[default]\nx = 1', 'keys.csv')).toBe('csv');
  });

  it('reads the text when the extension says nothing', () => {
    expect(detectFormat('client,side', 'keys.txt')).toBe('csv');
    expect(detectFormat('  {"client":"Acme"}')).toBe('json');
    expect(detectFormat('\n[{"client":"Acme"}]')).toBe('json');
    expect(detectFormat('["default"]')).toBe('json');
    expect(detectFormat('[default]\npublic_api_key = "x"')).toBe('toml');
    expect(detectFormat('[ "client a" ]  # a comment\nx = 1')).toBe('toml');
    expect(detectFormat('telemetry_enabled = false\n\n[default]\nx = 1')).toBe('toml');
    // Starts like JSON, is not JSON, has no table header: JSON (and then said to be bad JSON).
    expect(detectFormat('[{"client":')).toBe('json');
    // A bracket inside a CSV line is no table header.
    expect(detectFormat('client,side\n[Acme] x,atlas')).toBe('csv');
    expect(detectFormat('client,side\nx [Acme]')).toBe('csv');
    expect(detectFormat('client,side\n[]')).toBe('csv');
  });
});

describe('parseImport: the text as a whole', () => {
  it('says an empty or blank text is empty, in no format', () => {
    expect(parseImport('')).toStrictEqual({ ok: false, problem: { kind: 'empty' } });
    expect(parseImport(' \n\t ')).toStrictEqual({ ok: false, problem: { kind: 'empty' } });
  });

  it('says a header without rows, or an empty list, has no lines', () => {
    expect(parseImport('client,side,publicKey,privateKey\n')).toStrictEqual({
      ok: false,
      format: 'csv',
      problem: { kind: 'no-lines' },
    });
    expect(parseImport('[]')).toStrictEqual({ ok: false, format: 'json', problem: { kind: 'no-lines' } });
  });

  it('reads up to MAX_PROFILES lines and refuses one more', () => {
    const rows = (n: number) =>
      JSON.stringify(
        Array.from({ length: n }, (_, i) => ({ client: 'A', side: 'atlas', publicKey: `k${i}`, privateKey: UUID })),
      );
    expect(linesOf(rows(MAX_PROFILES))).toHaveLength(MAX_PROFILES);
    expect(parseImport(rows(MAX_PROFILES + 1))).toStrictEqual({
      ok: false,
      format: 'json',
      problem: { kind: 'too-many', max: MAX_PROFILES },
    });
  });

  it('passes on the format of a text it could not read', () => {
    expect(parseImport('client\nAcme')).toMatchObject({ ok: false, format: 'csv' });
    expect(parseImport('{"a":1}')).toStrictEqual({ ok: false, format: 'json', problem: { kind: 'not-a-list' } });
    expect(parseImport('[a]\nb = ', 'c.toml')).toStrictEqual({
      ok: false,
      format: 'toml',
      problem: { kind: 'bad-toml' },
    });
  });
});

describe('the words for a side and a kind of key', () => {
  it.each([
    ['cloud-manager', 'cloud-manager'],
    ['Cloud Manager', 'cloud-manager'],
    ['CloudManager', 'cloud-manager'],
    ['cloud_manager', 'cloud-manager'],
    [' CM ', 'cloud-manager'],
    ['c-m', 'cloud-manager'],
    ['Ops Manager', 'ops-manager'],
    ['OpsManager', 'ops-manager'],
    ['ops__manager', 'ops-manager'],
    ['om', 'ops-manager'],
    ['ATLAS', 'atlas'],
    ['at-las', 'atlas'],
  ])('reads the side %j as %s', (word, side) => {
    expect(sideOf(word)).toBe(side);
  });

  it.each(['', 'cloud', 'cloud manager x', 'mars', 'toString', 'constructor'])('knows no side %j', (word) => {
    expect(sideOf(word)).toBeUndefined();
  });

  it('knows no side by a name every object has (constructor, __proto__): the line says so', () => {
    const csv = `client,side,publicKey,privateKey\nAcme,constructor,abcdefgh,${UUID}\nAcme,__proto__,bcdefghi,${UUID}`;
    expect(linesOf(csv).map((l) => [l.input.side, l.problem])).toEqual([
      ['cloud-manager', { kind: 'unknown-side' }],
      ['cloud-manager', { kind: 'unknown-side' }],
    ]);
  });

  it('reads a config.toml service named like an object property as an unknown side, without throwing', () => {
    const text = ['constructor', '__proto__', 'toString', 'hasOwnProperty']
      .map((service, i) => `[p${i}]\nservice = "${service}"\npublic_api_key = "k${i}"\n`)
      .join('');
    expect(linesOf(text).map((l) => [l.input.side, l.problem])).toEqual([
      ['cloud-manager', { kind: 'unknown-side' }],
      ['cloud-manager', { kind: 'unknown-side' }],
      ['cloud-manager', { kind: 'unknown-side' }],
      ['cloud-manager', { kind: 'unknown-side' }],
    ]);
  });

  it('reads the kinds of key, an absent or empty one as an API key', () => {
    for (const word of [undefined, '', '  ', 'api-key', 'API key', 'apikey', 'Api_Key']) {
      expect(credentialOf(word), String(word)).toBe('api-key');
    }
    for (const word of ['service-account', 'Service Account', 'serviceaccount', 'service_account']) {
      expect(credentialOf(word), word).toBe('service-account');
    }
    for (const word of ['token', 'api', 'service', 'api-key-2', 'apikeys']) {
      expect(credentialOf(word), word).toBeUndefined();
    }
  });

  it('reads addresses separated by spaces, commas or semicolons, and none from empty text', () => {
    expect(addressList(' 203.0.113.7;198.51.100.0/24 ,\t2001:db8::1\n10.0.0.1 ')).toEqual([
      '203.0.113.7',
      '198.51.100.0/24',
      '2001:db8::1',
      '10.0.0.1',
    ]);
    expect(addressList(undefined)).toBeUndefined();
    expect(addressList(' ;, ')).toBeUndefined();
  });
});

describe('one line from its fields', () => {
  it('is given the first problem it has, in order: client, side, known side, known kind, public key', () => {
    const full = { client: 'Acme', side: 'atlas', credential: 'api-key', publicKey: 'abcdefgh', privateKey: UUID };
    expect(lineFromFields(2, full).problem).toBeUndefined();
    expect(lineFromFields(2, { ...full, client: ' ', side: '', credential: 'x', publicKey: '' }).problem).toEqual({
      kind: 'missing-field',
      field: 'client',
    });
    expect(lineFromFields(2, { ...full, side: ' ', credential: 'x', publicKey: '' }).problem).toEqual({
      kind: 'missing-field',
      field: 'side',
    });
    expect(lineFromFields(2, { ...full, side: 'mars', credential: 'x', publicKey: '' }).problem).toEqual({
      kind: 'unknown-side',
    });
    expect(lineFromFields(2, { ...full, credential: 'x', publicKey: '' }).problem).toEqual({
      kind: 'unknown-credential',
    });
    expect(lineFromFields(2, { ...full, publicKey: ' ' }).problem).toEqual({
      kind: 'missing-field',
      field: 'publicKey',
    });
  });

  it('sends the fields trimmed, a server and addresses only when there are some', () => {
    expect(
      lineFromFields(3, {
        client: ' Acme ',
        side: ' Ops Manager ',
        credential: ' API key ',
        publicKey: ' abcdefgh ',
        privateKey: ` ${UUID} `,
        server: ' https://om.example.com ',
        accessListIps: [' 203.0.113.7 ', ' ', '10.0.0.1'],
      }),
    ).toStrictEqual({
      line: 3,
      input: {
        label: 'Acme',
        side: 'ops-manager',
        credential: 'api-key',
        publicKey: 'abcdefgh',
        privateKey: UUID,
        baseUrl: 'https://om.example.com',
        accessListIps: ['203.0.113.7', '10.0.0.1'],
      },
      needsSecret: false,
    });
    expect(
      lineFromFields(4, { client: 'A', side: 'atlas', publicKey: 'k', server: ' ', accessListIps: [' '] }),
    ).toStrictEqual({
      line: 4,
      input: { label: 'A', side: 'atlas', credential: 'api-key', publicKey: 'k', privateKey: '' },
      needsSecret: true,
    });
    expect(lineFromFields(5, { client: 'A', side: 'om', publicKey: 'k', accessListIps: '' }).input).not.toHaveProperty(
      'accessListIps',
    );
  });

  it('sends a line whose side or kind is unknown as a Cloud Manager API key', () => {
    const line = lineFromFields(2, {
      client: 'A',
      side: 'mars',
      credential: 'token',
      publicKey: 'k',
      privateKey: UUID,
    });
    expect(line.input).toMatchObject({ side: 'cloud-manager', credential: 'api-key' });
  });
});

describe('CSV rows', () => {
  it('drops a byte-order mark and wholly blank rows, keeping the row numbers', () => {
    expect(csvRows('\uFEFFa,b\n\n , \r\nc,d\re,f')).toStrictEqual([
      { line: 1, fields: ['a', 'b'] },
      { line: 4, fields: ['c', 'd'] },
      { line: 5, fields: ['e', 'f'] },
    ]);
  });

  it('reads quoted fields: commas, doubled quotes and line breaks inside, spaces before the quote', () => {
    expect(csvRows('"a,1", "say ""hi""","two\nlines"\nnext,x"y"\n"",z')).toStrictEqual([
      { line: 1, fields: ['a,1', 'say "hi"', 'two\nlines'] },
      { line: 3, fields: ['next', 'x"y"'] },
      { line: 4, fields: ['', 'z'] },
    ]);
  });

  it('numbers the row after a quoted field with CRLF line breaks inside', () => {
    expect(csvRows('h\r\n"one\r\ntwo"\r\nlast').map((r) => r.line)).toEqual([1, 2, 4]);
    expect(csvRows('h\n"a""\nb"\nlast')).toStrictEqual([
      { line: 1, fields: ['h'] },
      { line: 2, fields: ['a"\nb'] },
      { line: 4, fields: ['last'] },
    ]);
  });
});

describe('CSV columns', () => {
  it('names the columns by their other names too, ignoring case, spaces, underscores and hyphens', () => {
    const [line] = linesOf(
      `Label, SIDE ,Credential,public_key,Private-Key,Base URL,access list ips\nAcme,ops-manager,api-key,abcdefgh,${UUID},https://om.example.com,10.0.0.1`,
    );
    expect(line!.input).toStrictEqual({
      label: 'Acme',
      side: 'ops-manager',
      credential: 'api-key',
      publicKey: 'abcdefgh',
      privateKey: UUID,
      baseUrl: 'https://om.example.com',
      accessListIps: ['10.0.0.1'],
    });
  });

  it('reads a column named twice from its first place, and leaves unknown columns out', () => {
    const [line] = linesOf(
      `client,notes,side,client,publicKey,privateKey,server\nAcme,hello,atlas,Other,abcdefgh,${UUID}`,
    );
    expect(line!.input).toStrictEqual({
      label: 'Acme',
      side: 'atlas',
      credential: 'api-key',
      publicKey: 'abcdefgh',
      privateKey: UUID,
    });
  });

  it('names every required column a header lacks', () => {
    expect(parseImport('server,notes\nx,y')).toStrictEqual({
      ok: false,
      format: 'csv',
      problem: { kind: 'missing-columns', columns: ['client', 'side', 'publicKey', 'privateKey'] },
    });
  });
});

describe('JSON elements', () => {
  it('reads an element that is not an object as a line with nothing, and only text fields', () => {
    const lines = linesOf(
      JSON.stringify([
        null,
        'Acme',
        {
          client: 7,
          label: 'Acme',
          side: 'atlas',
          publicKey: 'abcdefgh',
          privateKey: UUID,
          server: 5,
          baseUrl: 'https://cloud.mongodb.com',
          accessListIps: ['10.0.0.1', 7, null],
        },
        { client: 'Globex', side: 'om', publicKey: 'k', privateKey: UUID, accessListIps: '10.0.0.1, 10.0.0.2' },
      ]),
    );
    expect(lines.map((l) => l.problem)).toEqual([
      { kind: 'missing-field', field: 'client' },
      { kind: 'missing-field', field: 'client' },
      undefined,
      undefined,
    ]);
    expect(lines[2]!.input).toStrictEqual({
      label: 'Acme',
      side: 'atlas',
      credential: 'api-key',
      publicKey: 'abcdefgh',
      privateKey: UUID,
      baseUrl: 'https://cloud.mongodb.com',
      accessListIps: ['10.0.0.1'],
    });
    expect(lines[3]!.input.accessListIps).toEqual(['10.0.0.1', '10.0.0.2']);
    expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4]);
  });

  it('prefers client to label and server to baseUrl', () => {
    const [line] = linesOf(
      JSON.stringify([
        {
          client: 'A',
          label: 'B',
          side: 'om',
          publicKey: 'k',
          privateKey: UUID,
          server: 'https://a.example',
          baseUrl: 'https://b.example',
        },
      ]),
    );
    expect(line!.input).toMatchObject({ label: 'A', baseUrl: 'https://a.example' });
  });
});

describe('config.toml profiles', () => {
  const profileText = (name: string, body: string) => `["${name}"]\n${body}\n`;

  it('reads each service word as its side, and an unknown one as an unknown side, not as no key', () => {
    const services = ['atlas', 'CLOUD', 'cloud-manager', 'cloudmanager', 'ops-manager', 'opsmanager', 'mars'];
    const text = services.map((s, i) => profileText(`p${i}`, `service = "${s}"\npublic_api_key = "k${i}"`)).join('');
    expect(linesOf(text).map((l) => [l.input.side, l.problem?.kind])).toEqual([
      ['atlas', undefined],
      ['atlas', undefined],
      ['cloud-manager', undefined],
      ['cloud-manager', undefined],
      ['ops-manager', undefined],
      ['ops-manager', undefined],
      ['cloud-manager', 'unknown-side'],
    ]);
    expect(linesOf(profileText('x', 'service = "mars"'))[0]!.problem).toEqual({ kind: 'unknown-side' });
  });

  it('takes the API key when a profile has both kinds, and the service account when it has only that', () => {
    const both = profileText(
      'both',
      `public_api_key = "abcdefgh"\nprivate_api_key = "${UUID}"\nclient_id = "mdb_sa_id_x"\nclient_secret = "mdb_sa_sk_y"`,
    );
    const sa = profileText('sa', 'client_id = " mdb_sa_id_x "\nclient_secret = " mdb_sa_sk_y "\npublic_api_key = " "');
    expect(linesOf(both + sa).map((l) => l.input)).toStrictEqual([
      { label: 'both', side: 'atlas', credential: 'api-key', publicKey: 'abcdefgh', privateKey: UUID },
      {
        label: 'sa',
        side: 'atlas',
        credential: 'service-account',
        publicKey: 'mdb_sa_id_x',
        privateKey: 'mdb_sa_sk_y',
      },
    ]);
  });

  it('reads the Ops Manager address, and Atlas for Government as its own server', () => {
    const text =
      profileText('om', 'service = "ops-manager"\nops_manager_url = " https://om.example.com "\npublic_api_key = "k"') +
      profileText('gov', 'service = "cloudgov"\nops_manager_url = "https://om.example.com"\npublic_api_key = "k"');
    expect(linesOf(text).map((l) => l.input.baseUrl)).toEqual([
      'https://om.example.com',
      'https://cloud.mongodbgov.com',
    ]);
  });

  it('leaves out top-level settings, lists and dates', () => {
    const text = `version = 2\ntags = ["a"]\nwhen = 1979-05-27T07:32:00Z\nday = 1979-05-27\n${profileText('p', 'public_api_key = "k"')}`;
    expect(linesOf(text, 'config.toml').map((l) => l.input.label)).toEqual(['p']);
  });
});

describe('the same credential twice', () => {
  const row = (extra: Record<string, unknown>) => ({
    client: 'A',
    side: 'ops-manager',
    publicKey: 'abcdefgh',
    privateKey: UUID,
    ...extra,
  });
  const problems = (rows: unknown[]) => linesOf(JSON.stringify(rows)).map((l) => l.problem);

  it('is the same on the same server however its address is written', () => {
    expect(
      problems([
        row({ server: 'https://OM.example.com:443/' }),
        row({ server: 'https://om.example.com' }),
        row({ server: ' not a server ' }),
        row({ server: 'not a server' }),
      ]),
    ).toEqual([
      undefined,
      { kind: 'duplicate-in-import', firstLine: 1 },
      undefined,
      { kind: 'duplicate-in-import', firstLine: 3 },
    ]);
  });

  it('is another on another server, of another kind, or under another public key', () => {
    expect(
      problems([
        row({ server: 'https://om.example.com' }),
        row({ server: 'https://om2.example.com' }),
        row({ server: 'https://om.example.com', credential: 'service-account' }),
        row({ server: 'https://om.example.com', publicKey: 'bcdefghi' }),
      ]),
    ).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('is not counted from a line that has a problem of its own or no public key', () => {
    expect(
      problems([
        row({ side: 'mars' }),
        row({ publicKey: '' }),
        row({ publicKey: '', privateKey: 'x' }),
        row({}),
        row({}),
      ]),
    ).toEqual([
      { kind: 'unknown-side' },
      { kind: 'missing-field', field: 'publicKey' },
      { kind: 'missing-field', field: 'publicKey' },
      undefined,
      { kind: 'duplicate-in-import', firstLine: 4 },
    ]);
  });
});

describe('what the first run of Stryker on import/ left alive', () => {
  it('reads an indented table header as config.toml, and numbers its profiles from 1', () => {
    expect(detectFormat('  [default]\n  public_api_key = "x"')).toBe('toml');
    const text = '[a]\npublic_api_key = "k1"\n[b]\npublic_api_key = "k2"\n';
    expect(linesOf(text).map((l) => l.line)).toEqual([1, 2]);
  });

  it('says where text that is not JSON was read as JSON', () => {
    expect(parseImport('[{"client":', 'keys.json')).toStrictEqual({
      ok: false,
      format: 'json',
      problem: { kind: 'bad-json' },
    });
  });

  it('says CSV with no row at all is empty', () => {
    expect(parseCsvImport('')).toStrictEqual({ ok: false, format: 'csv', problem: { kind: 'empty' } });
    expect(parseCsvImport('\n , \n')).toStrictEqual({ ok: false, format: 'csv', problem: { kind: 'empty' } });
  });

  it('reads a kind written with several spaces or underscores', () => {
    expect(credentialOf('API  key')).toBe('api-key');
    expect(credentialOf('service__account')).toBe('service-account');
  });

  it('still asks for a secret filled in with white space only', () => {
    const [line] = linesOf('client,side,publicKey,privateKey\nAcme,atlas,abcdefgh,');
    expect(withSecret(line!, '   ')).toMatchObject({ needsSecret: true, input: { privateKey: '' } });
    expect(withSecret(line!, ` ${UUID} `)).toMatchObject({ needsSecret: false, input: { privateKey: UUID } });
  });

  it('tells apart two lines with the same public key on two different addresses that are not servers', () => {
    const row = (server: string) => ({
      client: 'A',
      side: 'ops-manager',
      publicKey: 'abcdefgh',
      privateKey: UUID,
      server,
    });
    const lines = linesOf(JSON.stringify([row('not a server'), row('also not a server')]));
    expect(lines.map((l) => l.problem)).toEqual([undefined, undefined]);
  });
});
