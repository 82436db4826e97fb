// The error texts have one source, the message catalogues: every kind the code can send, and every variant the
// Cloud Manager layer can choose, has its sentence and remedy in English and Korean, with no more placeholders than
// the words layer fills for that kind. Nothing is copied by hand from elsewhere.
import { describe, expect, it } from 'vitest';
import english from '../../../public/_locales/en/messages.json';
import korean from '../../../public/_locales/ko/messages.json';
import { CLOUD_MANAGER_ERROR_KINDS, ERROR_VARIANTS } from '../../../src/core/cloudmanager';
import { WORKER_ERROR_KINDS } from '../../../src/shared/errors';
import { errorKey, SUBSTITUTIONS } from '../../../src/shared/text/error-words';

type Entry = { message: string; placeholders?: Record<string, { content: string }> };
const catalogues = { en: english, ko: korean } as unknown as Record<'en' | 'ko', Record<string, Entry>>;

const texts: [kind: string, variant?: string][] = [
  ...CLOUD_MANAGER_ERROR_KINDS.flatMap((kind) => [
    [kind] as [string],
    ...ERROR_VARIANTS[kind].map((v) => [kind, v] as [string, string]),
  ]),
  ...WORKER_ERROR_KINDS.map((kind) => [kind] as [string]),
];

describe('error texts', () => {
  for (const locale of ['en', 'ko'] as const) {
    it(`${locale}: every kind and variant has a sentence and a remedy`, () => {
      const missing = texts.flatMap(([kind, variant]) =>
        (['error', 'remedy'] as const)
          .map((prefix) => errorKey(prefix, kind, variant))
          .filter((key) => !catalogues[locale][key]?.message),
      );
      expect(missing).toEqual([]);
    });

    it(`${locale}: no text uses a placeholder its kind does not fill`, () => {
      const overfilled = Object.entries(catalogues[locale]).flatMap(([key, entry]) => {
        const match = /^(?:error|remedy)_(.+)$/.exec(key);
        if (!match) return [];
        const kind = [...CLOUD_MANAGER_ERROR_KINDS, ...WORKER_ERROR_KINDS].find((k) =>
          `${match[1]}_`.startsWith(`${k.replace(/-/g, '_')}_`),
        );
        const filled = (kind && SUBSTITUTIONS[kind]?.length) || 0;
        const used = Object.values(entry.placeholders ?? {}).map((p) => Number(/\$(\d)/.exec(p.content)?.[1] ?? 0));
        return used.some((n) => n > filled) ? [key] : [];
      });
      expect(overfilled).toEqual([]);
    });
  }

  it('the code holds no English error sentence of its own', async () => {
    const { readFileSync, readdirSync } = await import('node:fs');
    const files = readdirSync('src/core/cloudmanager').map((f) => `src/core/cloudmanager/${f}`);
    // The old table's opening sentence: the texts are the catalogues' now.
    for (const file of files) expect(readFileSync(file, 'utf8')).not.toContain('The key pair was refused for this org');
  });
});
