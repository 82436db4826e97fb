// docs/errors.md's "When something goes wrong" table against the code (#29): each row's answer (status, code, the call that
// got it) decodes to the row's kind, and the sentence is the one the extension shows for it, from the catalogue.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import catalogue from '../../../public/_locales/en/messages.json';
import { type CloudManagerOperation, decodeErrorResponse } from '../../../src/core/cloudmanager';
import { englishOf } from '../../support/catalogue';

const readme = readFileSync('docs/errors.md', 'utf8');
const table = readme.slice(readme.indexOf('<!-- errors:start -->'), readme.indexOf('<!-- errors:end -->'));

type Row = {
  happened: string;
  status: number;
  code?: string;
  operation: CloudManagerOperation;
  kind: string;
  read: string;
};

const rows: Row[] = table
  .split('\n')
  .filter((line) => /^\| [^-|]/.test(line) && !line.startsWith('| What happened'))
  .map((line) => {
    const [happened = '', answer = '', operation = '', kind = '', read = ''] = line
      .split('|')
      .slice(1, -1)
      .map((cell) => cell.trim());
    const [, status = '', code] = /^(\d{3})(?: `([A-Z_]+)`)?/.exec(answer) ?? [];
    return {
      happened,
      status: Number(status),
      code,
      operation: operation as CloudManagerOperation,
      kind: kind.replace(/`/g, ''),
      read,
    };
  });

/** The answer as the service sends it: the MMS error body, naming an IP or projects where the sentence does. */
function answerOf(row: Row): Response {
  const detail = row.read.includes('203.0.113.7')
    ? 'IP address 203.0.113.7 is not allowed to access this resource.'
    : row.read.match(/[a-f0-9]{24}/)
      ? `Cannot delete organization link while there is active migration in following project ids: ${row.read.match(/[a-f0-9]{24}/)![0]}`
      : 'Something happened.';
  const body = { detail, error: row.status, ...(row.code ? { errorCode: row.code } : {}), parameters: [], reason: 'x' };
  return new Response(JSON.stringify(body), { status: row.status, headers: { 'Content-Type': 'application/json' } });
}

describe("README's error table", () => {
  it('has the rows a consultant meets', () => {
    expect(rows.length).toBeGreaterThanOrEqual(12);
    expect(rows.map((r) => r.kind)).toEqual(expect.arrayContaining(['bad-credentials', 'migration-running']));
  });

  it.each(rows.map((row) => [row.happened, row] as const))('%s', async (_, row) => {
    const error = await decodeErrorResponse(answerOf(row), { operation: row.operation });
    expect(error.kind).toBe(row.kind);
    if (row.operation === 'revoke-token' && row.kind === 'not-linked') {
      // An outcome the popup words itself: the sentence is one the catalogue has.
      const messages = Object.values(catalogue as Record<string, { message: string }>).map((e) => e.message);
      expect(messages.some((m) => m.replace(/\$[A-Z_]+\$/g, '').includes(row.read.replace(/\.$/, '')))).toBe(true);
    } else {
      expect(englishOf(error).message).toBe(row.read);
    }
  });
});
