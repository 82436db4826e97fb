// Runs the sandbox in its own process for the refresh benchmark, as a real server would be: its CPU work (Digest
// checks, JSON) must not share the client's event loop, or four requests in flight would queue behind each other
// here and nowhere else. Speaks to the parent over IPC: ready (ports), count (requests seen), close.
// argv: orgs keys seed latencyMs nonceBoundToUser (1: a nonce is the first key pair's; 0, the default: anyone's)
// atlasOrgs (Atlas orgs with one key each after the client orgs, as generateFixture makes them; 0 by default).
import { generateFixture } from '../../sandbox/fixture.ts';
import { startSandbox } from '../../sandbox/server.ts';

const [orgs = 50, keys = orgs, seed = 7, latency = 100, bound = 0, atlasOrgs = 0] = process.argv.slice(2).map(Number);
const fixture = generateFixture({ orgs, keys, seed, atlasOrgs });
const sandbox = await startSandbox({
  httpsPort: 0,
  httpPort: 0,
  fixture,
  latencyMs: latency,
  nonceBoundToUser: bound === 1,
});

process.on('message', async (message: { type: string; id: number }) => {
  if (message.type === 'count') process.send?.({ id: message.id, value: sandbox.log.length });
  if (message.type === 'close') {
    await sandbox.close();
    process.send?.({ id: message.id, value: 0 }, () => process.exit(0));
  }
});
process.send?.({ id: 0, value: sandbox.httpPort });
