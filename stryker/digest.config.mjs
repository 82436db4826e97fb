// `npm run mutate -- digest`: mutants in src/core/digest/**/*.ts, target ≥ 95 % (issue 18).
import { groupConfig } from './base.mjs';

export default groupConfig('digest', ['src/core/digest/**/*.ts'], 95);
