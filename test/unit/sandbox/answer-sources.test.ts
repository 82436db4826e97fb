// The one table of the sandbox's answers: every row names a source, every mode a row names exists, the code can
// build no answer the table lacks (mmsError and the pipeline's check refuse it, and every literal status/code in
// sandbox/ is a row), and docs/sandbox-answers.md is the table written out.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ANSWER_SOURCES, assertListed, rowsFor } from '../../../sandbox/answer-sources';
import { answerTableMarkdown, recordedPaths } from '../../../sandbox/answer-table-markdown';
import { jacksonPretty, mmsError, notAuthorized } from '../../../sandbox/mms-errors';
import { SANDBOX_MODES } from '../../../sandbox/modes';
import { RECORDED_401 } from './recorded-answers';

describe('ANSWER_SOURCES', () => {
  it('names a source for every row: a recording (repo, path, commit, date), a documented page, or why assumed', () => {
    for (const row of ANSWER_SOURCES) {
      const what = `${row.status} ${row.errorCode} ${row.situation}`;
      expect(row.sides.length, what).toBeGreaterThan(0);
      expect(row.situation.trim(), what).not.toBe('');
      const s = row.source;
      if (s.kind === 'recorded') {
        expect([s.repo, s.commit, s.date], what).toEqual([
          'mongodb/mongodb-atlas-cli',
          '8ddea41a82ec904146d5f1b8d6578acedcc4a3a6',
          '2026-08-10',
        ]);
        expect(s.path, what).toMatch(/^test\/e2e\/.+\/testdata\/\.snapshots\/.+\.snaphost$/);
      } else if (s.kind === 'documented') {
        expect(s.where.length, what).toBeGreaterThan(10);
      } else {
        expect(s.kind, what).toBe('assumed');
        expect(s.why.length, what).toBeGreaterThan(10);
      }
    }
  });

  it('keeps the invented codes out, or lists them as assumed', () => {
    for (const code of ['MIGRATION_LINK_NOT_FOUND', 'NOT_ATLAS_ORG_400']) expect(rowsFor(404, code)).toEqual([]);
    for (const code of ['INVALID_LINK_TOKEN', 'RESOURCE_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'INVALID_ATTRIBUTE']) {
      const rows = ANSWER_SOURCES.filter((r) => r.errorCode === code);
      expect(rows.length, code).toBeGreaterThan(0);
      for (const r of rows) expect(r.source.kind, `${code} ${r.situation}`).toBe('assumed');
    }
  });

  it('tags only known modes, and every variant but the default has its rows', () => {
    const names = SANDBOX_MODES.map((m) => m.name);
    expect(new Set(names).size).toBe(names.length);
    for (const row of ANSWER_SOURCES) if (row.mode) expect(names, row.situation).toContain(row.mode);
    for (const mode of SANDBOX_MODES.filter((m) => m.name !== 'default')) {
      expect(
        ANSWER_SOURCES.some((r) => r.mode === mode.name),
        mode.name,
      ).toBe(true);
      expect(Object.keys(mode.options).length, mode.name).toBeGreaterThan(0);
    }
  });

  it('has the recorded and documented statuses the real service gives', () => {
    const status = (side: 'atlas' | 'cloud-manager', code: string) => [
      ...new Set(ANSWER_SOURCES.filter((r) => r.sides.includes(side) && r.errorCode === code).map((r) => r.status)),
    ];
    expect(status('atlas', 'NOT_ATLAS_ORG')).toEqual([404]);
    expect(status('atlas', 'INVALID_ORG_ID')).toEqual([404]);
    expect(status('cloud-manager', 'INVALID_GROUP_ID')).toEqual([404]);
    expect(status('atlas', 'USER_UNAUTHORIZED')).toEqual([401]);
    expect(status('atlas', 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK')).toEqual([409]);
    expect(rowsFor(201, null, 'atlas')[0]!.source.kind).toBe('recorded');
    expect(rowsFor(200, null, 'atlas').filter((r) => r.source.kind === 'recorded').length).toBe(2);
  });
});

describe('the code builds only listed answers', () => {
  it('mmsError refuses a status/code pair the table lacks, and assertListed a pair not seen on that side', () => {
    expect(() => mmsError(404, 'MIGRATION_LINK_NOT_FOUND', 'x')).toThrow(/not in answer-sources/);
    expect(() => mmsError(400, 'INVALID_ORG_ID', 'x')).toThrow(/not in answer-sources/);
    expect(() => mmsError(403, 'USER_UNAUTHORIZED', 'x')).toThrow(/not in answer-sources/);
    expect(mmsError(404, 'ORG_NOT_FOUND', 'x').status).toBe(404);
    expect(() =>
      assertListed(409, 'CANNOT_DELETE_ORG_ACTIVE_LIVE_MIGRATION_ATLAS_ORG_LINK', 'cloud-manager'),
    ).toThrow();
    expect(() => assertListed(200, null, 'oauth')).not.toThrow();
    expect(() => assertListed(418, null)).toThrow();
  });

  it('every status/code literal in sandbox/ is a row (mmsError, rateLimited, oauthError)', () => {
    const dir = 'sandbox';
    const calls: string[] = [];
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.ts'))) {
      const text = readFileSync(`${dir}/${file}`, 'utf8');
      for (const m of text.matchAll(/(mmsError|oauthError)\(\s*(\d{3}),\s*'([A-Za-z_]+)'/g)) {
        calls.push(`${file} ${m[2]} ${m[3]}`);
        expect(rowsFor(Number(m[2]), m[3]!).length, `${file}: ${m[1]}(${m[2]}, '${m[3]}')`).toBeGreaterThan(0);
      }
      for (const m of text.matchAll(/rateLimited\(\s*'([A-Z_]+)'/g)) {
        expect(rowsFor(429, m[1]!).length, `${file}: rateLimited('${m[1]}')`).toBeGreaterThan(0);
      }
    }
    // The scan finds the answers it is meant to check.
    expect(calls.length).toBeGreaterThan(20);
  });

  it('builds the recorded 401 byte for byte (142 bytes, Jackson pretty, no parameters, no X-Error-Code)', () => {
    const answer = notAuthorized();
    expect(answer.rendered).toBe(RECORDED_401);
    expect(Buffer.byteLength(answer.rendered!)).toBe(142);
    expect([answer.challenge, answer.headers]).toEqual([true, { 'Content-Type': 'application/json' }]);
    expect(jacksonPretty({ a: 1 })).toBe('{\n  "a" : 1\n}');
  });
});

describe('docs/sandbox-answers.md', () => {
  it('holds the table and the modes as the code has them, and lists every recording cited', () => {
    const doc = readFileSync('docs/sandbox-answers.md', 'utf8');
    expect(doc).toContain(answerTableMarkdown());
    for (const path of recordedPaths()) expect(doc).toContain(path);
  });
});
