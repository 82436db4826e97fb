// Protects the reading of a response body (response-body.ts, issue #18): a body that cannot be read is the empty
// text, and only a JSON object of at most 256 KiB is taken as one (never an array, a scalar, null, HTML or garbage).
import { describe, expect, it } from 'vitest';
import { parseJsonObject, readBodyText } from '../../../../src/core/cloudmanager/response-body';

const LIMIT = 256 * 1024;

/** A JSON object whose text is exactly `length` characters long. */
function objectOfLength(length: number): string {
  const text = `{"a":"${'x'.repeat(length - 8)}"}`;
  expect(text).toHaveLength(length);
  return text;
}

describe('readBodyText', () => {
  it('is the body text', async () => {
    expect(await readBodyText(new Response('<html>oops</html>'))).toBe('<html>oops</html>');
  });

  it('is the empty text when the body cannot be read', async () => {
    const broken = { text: () => Promise.reject(new TypeError('body used')) } as unknown as Response;
    expect(await readBodyText(broken)).toBe('');
  });

  it('is the empty text when the body was already read', async () => {
    const response = new Response('once');
    await response.text();
    expect(await readBodyText(response)).toBe('');
  });
});

describe('parseJsonObject', () => {
  it('takes a JSON object', () => {
    expect(parseJsonObject('{"detail":"x","n":1}')).toEqual({ detail: 'x', n: 1 });
  });

  it.each([
    ['an empty body', ''],
    ['an array', '[{"a":1}]'],
    ['an empty array', '[]'],
    ['null', 'null'],
    ['a number', '5'],
    ['a string', '"text"'],
    ['true', 'true'],
    ['HTML', '<html><body>Bad gateway</body></html>'],
    ['broken JSON', '{"a":'],
  ])('is undefined for %s', (_, text) => {
    expect(parseJsonObject(text)).toBeUndefined();
  });

  it('takes an object of exactly 256 KiB', () => {
    expect(parseJsonObject(objectOfLength(LIMIT))).toEqual({ a: 'x'.repeat(LIMIT - 8) });
  });

  it('refuses an object one character longer than 256 KiB', () => {
    expect(parseJsonObject(objectOfLength(LIMIT + 1))).toBeUndefined();
  });
});
