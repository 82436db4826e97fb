// The token a create call receives never shows in any error, whatever the answer held: a token the Cloud Manager link
// would refuse, a token elsewhere in the body, a body that is not JSON or too large, an error answer that echoes one.
import { describe, expect, it } from 'vitest';
import { englishOf } from '../../../support/catalogue';
import { ATLAS_ORG, atlasError, failure, json, type Reply, randomToken, setup, TOKENS } from './fake-atlas';

describe('the created token never shows', () => {
  /** Every text an error offers, as the worker would send it and a page or a log would show it. */
  const shown = (error: Awaited<ReturnType<typeof failure>>) => [
    englishOf(error).message,
    englishOf(error).remedy,
    error.message,
    error.detail,
    error.errorCode,
    error.variant,
    String(error),
    JSON.stringify(error),
    JSON.stringify(error.params),
    error.stack,
  ];

  const tokenAnswers = (token: string): [string, Reply][] => [
    ['two words', json(200, { linkToken: `${token} ${token}` })],
    ['a line break inside', json(200, { linkToken: `${token.slice(0, 100)}\n${token.slice(100)}` })],
    ['too long', json(200, { linkToken: token.repeat(20) })],
    ['under another name', json(200, { token })],
    ['nested', json(200, { linkToken: { value: token } })],
    ['in a list', json(200, { linkToken: [token] })],
    ['a JSON string body', json(200, token)],
    ['a text body', new Response(token, { status: 200 })],
    ['cut JSON', new Response(`{"linkToken":"${token}`, { status: 200 })],
    ['an empty token', json(200, { linkToken: '' })],
    ['a body too large', new Response(JSON.stringify({ linkToken: token, pad: 'x'.repeat(300_000) }), { status: 200 })],
  ];

  it.each(tokenAnswers('T').map(([name]) => [name]))(
    'an answer with the token %s is unexpected-response (after-token) without the token or the body',
    async (name) => {
      const token = randomToken();
      const reply = tokenAnswers(token).find(([n]) => n === name)![1];
      const { api } = setup({ [`POST ${TOKENS}`]: [reply] });
      const error = await failure(api.createLinkToken(ATLAS_ORG));
      expect([error.kind, error.variant, error.detail, error.params]).toEqual([
        'unexpected-response',
        'after-token',
        undefined,
        {},
      ]);
      for (const text of shown(error)) {
        for (let start = 0; start + 8 <= token.length; start += 8) {
          expect(text ?? '').not.toContain(token.slice(start, start + 8));
        }
      }
    },
  );

  it('nor does a token an error answer echoes back', async () => {
    const token = randomToken();
    for (const reply of [
      atlasError(400, 'INVALID_ATTRIBUTE', `Bad accessListIps; your last token was ${token}.`, [token]),
      atlasError(500, 'UNEXPECTED_ERROR', `linkToken=${token}`),
      new Response(`<html>${token}</html>`, { status: 502, headers: { 'X-Error-Code': token } }),
    ]) {
      const { api } = setup({ [`POST ${TOKENS}`]: [reply] });
      const error = await failure(api.createLinkToken(ATLAS_ORG));
      for (const text of shown(error)) expect(text ?? '').not.toContain(token.slice(0, 32));
    }
  });
});
