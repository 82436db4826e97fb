// `npm run sandbox`: start the sandbox and print how to use it; runs until Ctrl+C.
import { parseArgs } from 'node:util';
import { formatDemoInstructions, startSandbox } from './server';

const { values } = parseArgs({
  options: {
    'https-port': { type: 'string', default: '8443' },
    'http-port': { type: 'string', default: '8080' },
    latency: { type: 'string', default: '0' },
  },
});
const sandbox = await startSandbox({
  httpsPort: Number(values['https-port']),
  httpPort: Number(values['http-port']),
  latencyMs: Number(values.latency),
  certDir: '.sandbox',
});
console.log(formatDemoInstructions(sandbox));
const stop = async () => {
  await sandbox.close();
  process.exit(0);
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
