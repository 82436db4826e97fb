// `npm run sandbox`: start the sandbox and print how to use it; runs until Ctrl+C. Flags: cli-options.ts, and here
// `--clients N [--atlas-orgs M]`: a generated world of N client orgs and M Atlas orgs, each with its own key pair,
// printed also as the CSV the extension's "Import many key pairs…" reads.
import { CLI_USAGE, parseSandboxArgs } from './cli-options';
import { type Fixture, importCsv, scaledFixture } from './fixture';
import { formatDemoInstructions, startSandbox } from './server';

const SCALE_USAGE = `  --clients N [--atlas-orgs M]      N client orgs and M Atlas orgs, a key pair each, also printed as a CSV to import`;

/** Takes the scale flags out of the arguments (cli-options.ts refuses flags it does not know). */
function scaleFlags(args: string[]): { rest: string[]; clients?: number; atlasOrgs: number } {
  const rest: string[] = [];
  const values: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i]!.split('=', 2) as [string, string | undefined];
    if (flag === '--clients' || flag === '--atlas-orgs') values[flag] = inline ?? args[++i] ?? '';
    else rest.push(args[i]!);
  }
  const count = (flag: string, text: string | undefined) => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < 0 || n > 10_000) throw new Error(`${flag} needs a whole number from 0 to 10000`);
    return n;
  };
  return {
    rest,
    clients: count('--clients', values['--clients']),
    atlasOrgs: count('--atlas-orgs', values['--atlas-orgs']) ?? 0,
  };
}

const scale = scaleFlags(process.argv.slice(2));
const { help, ...options } = parseSandboxArgs(scale.rest);
if (help) {
  console.log(`${CLI_USAGE}\n${SCALE_USAGE}`);
  process.exit(0);
}
const fixture: Fixture | undefined =
  scale.clients === undefined ? undefined : scaledFixture({ clients: scale.clients, atlasOrgs: scale.atlasOrgs });
const sandbox = await startSandbox({ ...options, certDir: '.sandbox', ...(fixture ? { fixture } : {}) });
console.log(formatDemoInstructions(sandbox));
if (fixture) {
  console.log(
    `\n${scale.clients} client orgs and ${scale.atlasOrgs} Atlas orgs. Their key pairs, to paste into the extension's Settings → Key pairs → "Import many key pairs…":\n`,
  );
  console.log(importCsv(fixture));
}
console.log(`Modes: ${JSON.stringify(sandbox.modes())}`);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
