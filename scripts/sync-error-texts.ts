// Copies the Cloud Manager error texts (core/cloudmanager/error-texts.ts, the English source) into the English
// message catalogue as error_<kind>[_<variant>] / remedy_<kind>[_<variant>], with {ip}/{seconds} as $1.
// Run after editing the texts: npx tsx scripts/sync-error-texts.ts
import { readFileSync, writeFileSync } from 'node:fs';
import { ERROR_TEXTS } from '../src/core/cloudmanager/index.ts';

const path = 'public/_locales/en/messages.json';
const catalogue = JSON.parse(readFileSync(path, 'utf8')) as Record<string, { message: string; placeholders?: object }>;
const key = (prefix: string, kind: string, variant: string) =>
  `${prefix}_${kind}${variant === 'default' ? '' : `-${variant}`}`.replace(/-/g, '_');

function entry(text: string) {
  const names = [...new Set([...text.matchAll(/\{(\w+)\}/g)].map((m) => m[1]!))];
  if (names.length === 0) return { message: text };
  return {
    message: text.replace(/\{(\w+)\}/g, (_, n: string) => `$${n.toUpperCase()}$`),
    placeholders: Object.fromEntries(names.map((n, i) => [n, { content: `$${i + 1}` }])),
  };
}

for (const [kind, variants] of Object.entries(ERROR_TEXTS)) {
  for (const [variant, text] of Object.entries(variants)) {
    catalogue[key('error', kind, variant)] = entry(text.message);
    catalogue[key('remedy', kind, variant)] = entry(text.remedy);
  }
}
writeFileSync(path, `${JSON.stringify(catalogue, null, 2)}\n`);
console.log(`error texts written to ${path}`);
