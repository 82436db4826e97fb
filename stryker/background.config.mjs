// `npm run mutate -- background`: mutants in src/background/**/*.ts, target ≥ 80 % (issue 18).
import { groupConfig } from './base.mjs';

export default groupConfig('background', ['src/background/**/*.ts'], 80);
