// The benches' side of sandbox-process.ts: starts the sandbox in its own process with a generated fixture (client
// orgs, one key each, then `atlasOrgs` Atlas orgs) and `latency` ms added per request; answers its HTTP address,
// its request count so far, and how to close it.
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export async function sandboxProcess(options: { orgs: number; seed: number; latency: number; atlasOrgs: number }) {
  const { orgs, seed, latency, atlasOrgs } = options;
  const script = fileURLToPath(new URL('./sandbox-process.ts', import.meta.url));
  const child: ChildProcess = fork(script, [orgs, orgs, seed, latency, 0, atlasOrgs].map(String), {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const waiting = new Map<number, (value: number) => void>();
  child.on('message', (m: { id: number; value: number }) => waiting.get(m.id)?.(m.value));
  let next = 0;
  const ask = (type?: string) =>
    new Promise<number>((resolve) => {
      const id = next++;
      waiting.set(id, resolve);
      if (type) child.send({ type, id });
    });
  const port = await ask();
  return { base: `http://127.0.0.1:${port}`, requests: () => ask('count'), close: () => ask('close') };
}
