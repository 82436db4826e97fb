// The Atlas migration client of an Atlas key pair, kept with the worker's other clients (api/api-clients.ts). Its
// own module: only the migrations use it, and they are the worker's extras (background/extras.ts).
import { type AtlasMigrationApi, createAtlasMigrationApi } from '../../core/atlas';
import type { Profile } from '../../core/vault';
import { clientFor } from '../api/api-clients';

/** availableProjects, targets, validate, start, cutover. */
export function atlasMigrationApiFor(profile: Profile): AtlasMigrationApi {
  return clientFor(profile, createAtlasMigrationApi, 'migrations');
}
