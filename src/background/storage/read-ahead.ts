// At the worker's start, the keys a popup's first message reads (`readAtStart` in keys.ts) and the policy, into the
// worker's copy (areas.ts): one call per area, while the message is still on its way (#33 item 4). A cold worker
// answered 'context/get' about 54 ms after it arrived, most of it those reads one after another; with the router
// waiting for this instead, about 22 ms. Never fails: a key it could not read is read when asked, as before.
import { type AreaName, managedPolicy, storageArea } from './areas';
import { keysOf } from './keys';

export async function readAhead(): Promise<void> {
  const ahead = (area: AreaName) => keysOf((spec) => spec.area === area && spec.readAtStart === true);
  await Promise.allSettled([
    storageArea('local').get(ahead('local')),
    storageArea('session').get(ahead('session')),
    managedPolicy(),
  ]);
}
