// `npm run sandbox`: start the sandbox and print how to use it; runs until Ctrl+C. Flags: cli-options.ts.
import { CLI_USAGE, parseSandboxArgs } from './cli-options';
import { formatDemoInstructions, startSandbox } from './server';

const { help, ...options } = parseSandboxArgs(process.argv.slice(2));
if (help) {
  console.log(CLI_USAGE);
  process.exit(0);
}
const sandbox = await startSandbox({ ...options, certDir: '.sandbox' });
console.log(formatDemoInstructions(sandbox));
console.log(`Modes: ${JSON.stringify(sandbox.modes())}`);
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
