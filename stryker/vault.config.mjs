// `npm run mutate -- vault`: mutants in src/core/vault/**/*.ts, target ≥ 95 % (issue 18).
import { groupConfig } from './base.mjs';

export default groupConfig('vault', ['src/core/vault/**/*.ts'], 95);
