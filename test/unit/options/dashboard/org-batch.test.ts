// Planning a batch of orgs from pasted text: every non-blank line is to be added, already there or invalid with
// why (exact reasons below); the client named by label resolves to its key pair that serves the org (its own org's
// first, never an Atlas key pair); any list of ids reads back in order whatever the layout, and any text at all is
// planned without throwing, each line once.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_BATCH, planOrgBatch } from '../../../../src/options/dashboard/org-batch';
import type { DashboardRow } from '../../../../src/shared/dashboard-messages';
import type { ProfileView } from '../../../../src/shared/domain';

const id = (c: string) => c.repeat(24);
const profile = (over: Partial<ProfileView>): ProfileView =>
  ({
    id: 'p',
    label: 'x',
    publicKey: 'abcdefgh',
    maskedPrivateKey: '****',
    baseUrl: 'https://cloud.mongodb.com',
    orgIds: [],
    ...over,
  }) as ProfileView;

const profiles: ProfileView[] = [
  profile({ id: 'acme-1', label: 'Acme', side: 'cloud-manager', org: { id: id('1'), name: 'Acme One' } }),
  profile({ id: 'acme-2', label: 'Acme ', side: 'cloud-manager', org: { id: id('2'), name: 'Acme Two' } }),
  profile({ id: 'acme-atlas', label: 'Acme', side: 'atlas', org: { id: id('a'), name: 'Acme Atlas' } }),
  profile({ id: 'globex-1', label: 'Globex', side: 'cloud-manager', org: { id: id('3'), name: 'Globex' } }),
  // An Atlas key pair only: never a row's client.
  profile({ id: 'initech-atlas', label: 'Initech', side: 'atlas', org: { id: id('4'), name: 'Initech Atlas' } }),
];
const rows: DashboardRow[] = [{ orgId: id('9'), name: 'Listed' }];

describe('planOrgBatch: what each line becomes', () => {
  it('adds ids and org page addresses, with the client key pair of the org and its Atlas target', () => {
    const text = [
      'orgId,client,atlasOrgId',
      id('1'),
      `${id('2').toUpperCase()},Acme,${id('A')}`,
      `"https://cloud.mongodb.com/v2#/org/${id('3')}/projects", Globex `,
      'https://cloud.mongodb.com/v2/cccccccccccccccccccccccc#/deployment,Acme',
      `${id('5')},,`,
    ].join('\r\n');
    expect(planOrgBatch(text, rows, profiles)).toEqual({
      add: [
        { line: 2, input: id('1'), orgId: id('1') },
        { line: 3, input: id('2'), orgId: id('2'), profileId: 'acme-2', client: 'Acme', atlasOrgId: id('a') },
        { line: 4, input: id('3'), orgId: id('3'), profileId: 'globex-1', client: 'Globex' },
        {
          line: 5,
          input: 'https://cloud.mongodb.com/v2/cccccccccccccccccccccccc#/deployment',
          profileId: 'acme-1',
          client: 'Acme',
        },
        { line: 6, input: id('5'), orgId: id('5') },
      ],
      existing: [],
      invalid: [],
    });
  });

  it('reports rows of the table and repeated lines (orgs and projects) as already there', () => {
    const project = 'https://cloud.mongodb.com/v2/cccccccccccccccccccccccc#/deployment';
    const text = [
      id('9'),
      id('1'),
      `https://cloud.mongodb.com/v2#/org/${id('1')}`,
      project,
      project.replace('#/deployment', '#/metrics'),
      project,
    ];
    expect(planOrgBatch(text.join('\n'), rows, profiles)).toEqual({
      add: [
        { line: 2, input: id('1'), orgId: id('1') },
        { line: 4, input: project },
      ],
      existing: [
        { line: 1, orgId: id('9') },
        { line: 3, orgId: id('1'), firstLine: 2 },
        { line: 5, firstLine: 4 },
        { line: 6, firstLine: 4 },
      ],
      invalid: [],
    });
  });

  it('says exactly why a line is invalid, with the line as pasted; an invalid first try does not make a later line a repeat', () => {
    const pasted = [
      `${id('1')},Acme,x,y`, // 1
      'hello', // 2
      `https://example.com/v2#/org/${id('1')}x`, // 3
      `${id('1')},Acme,not-an-id`, // 4
      `${id('1')},Nobody`, // 5
      `${id('1')},Initech`, // 6: an Atlas key pair's label is no client
      `${id('3')},Acme`, // 7: no Acme key pair serves Globex's org
      `${id('1')},,${id('a')}`, // 8
      `${id('1')},Acme,${id('4')}`, // 9: Initech's Atlas org
      `${id('1')},Acme`, // 10
    ];
    const text = pasted.join('\n');
    const at = (line: number) => pasted[line - 1]!;
    expect(planOrgBatch(text, rows, profiles)).toEqual({
      add: [{ line: 10, input: id('1'), orgId: id('1'), profileId: 'acme-1', client: 'Acme' }],
      existing: [],
      invalid: [
        { line: 1, text: at(1), problem: 'columns' },
        { line: 2, text: at(2), problem: 'not-an-org' },
        { line: 3, text: at(3), problem: 'not-an-org' },
        { line: 4, text: at(4), problem: 'bad-atlas-id' },
        { line: 5, text: at(5), problem: 'unknown-client', client: 'Nobody' },
        { line: 6, text: at(6), problem: 'unknown-client', client: 'Initech' },
        { line: 7, text: at(7), problem: 'client-not-serving', client: 'Acme' },
        { line: 8, text: at(8), problem: 'target-without-client' },
        { line: 9, text: at(9), problem: 'no-atlas-key-pair', client: 'Acme' },
      ],
    });
  });

  it(`adds at most ${MAX_BATCH} orgs; the lines after are invalid`, () => {
    const ids = Array.from({ length: MAX_BATCH + 2 }, (_, i) => i.toString(16).padStart(24, '0'));
    const plan = planOrgBatch(ids.join('\n'), [], profiles);
    expect(plan.add).toHaveLength(MAX_BATCH);
    expect(plan.invalid).toEqual([
      { line: MAX_BATCH + 1, text: ids[MAX_BATCH], problem: 'too-many' },
      { line: MAX_BATCH + 2, text: ids[MAX_BATCH + 1], problem: 'too-many' },
    ]);
  });
});

const objectId = fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 24, maxLength: 24 });

describe('planOrgBatch: properties', () => {
  it('reads any list of ids back in order, each new one added once and each repeat pointing at its first line', () => {
    const layout = fc.record({
      header: fc.constantFrom('', 'orgId', 'org_id,client', 'Organization ID'),
      eol: fc.constantFrom('\n', '\r\n', '\r'),
      quote: fc.boolean(),
      upper: fc.boolean(),
      blank: fc.boolean(),
    });
    fc.assert(
      fc.property(
        fc.array(objectId, { maxLength: 40 }),
        fc.array(objectId, { maxLength: 5 }),
        layout,
        (ids, listed, l) => {
          const lines: string[] = l.header ? [l.header] : [];
          const expectedAdd: { line: number; input: string; orgId: string }[] = [];
          const expectedExisting: { line: number; orgId: string; firstLine?: number }[] = [];
          const firstLine = new Map<string, number>();
          for (const orgId of ids) {
            if (l.blank) lines.push('  ');
            const cell = l.upper ? orgId.toUpperCase() : orgId;
            lines.push(l.quote ? `"${cell}"` : cell);
            const line = lines.length;
            if (listed.includes(orgId)) expectedExisting.push({ line, orgId });
            else if (firstLine.has(orgId)) expectedExisting.push({ line, orgId, firstLine: firstLine.get(orgId) });
            else {
              firstLine.set(orgId, line);
              expectedAdd.push({ line, input: orgId, orgId });
            }
          }
          const plan = planOrgBatch(
            lines.join(l.eol),
            listed.map((orgId) => ({ orgId })),
            profiles,
          );
          expect(plan).toEqual({ add: expectedAdd, existing: expectedExisting, invalid: [] });
        },
      ),
    );
  });

  it('plans any text without throwing, each non-blank line once, and only valid ids or addresses to add', () => {
    const noisy = fc
      .array(fc.oneof(objectId, fc.string({ maxLength: 20 }), fc.constantFrom(',', '"', '\n', 'Acme', 'https://')), {
        maxLength: 40,
      })
      .map((parts) => parts.join(''));
    fc.assert(
      fc.property(noisy, (text) => {
        const { add, existing, invalid } = planOrgBatch(text, rows, profiles);
        const lines = text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/);
        const nonBlank = lines.flatMap((raw, i) => (raw.trim() === '' ? [] : [i + 1]));
        const seen = [...add, ...existing, ...invalid].map((e) => e.line).sort((a, b) => a - b);
        expect(new Set(seen).size).toBe(seen.length);
        expect(seen.every((line) => nonBlank.includes(line))).toBe(true);
        // At most the first non-blank line is a header, left out.
        expect(nonBlank.length - seen.length).toBeLessThanOrEqual(1);
        for (const entry of add) {
          expect(entry.orgId === undefined || /^[0-9a-f]{24}$/.test(entry.orgId)).toBe(true);
          expect(entry.profileId === undefined || ['acme-1', 'acme-2', 'globex-1'].includes(entry.profileId)).toBe(
            true,
          );
        }
      }),
    );
  });
});
