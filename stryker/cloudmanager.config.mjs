// `npm run mutate -- cloudmanager`: mutants in src/core/cloudmanager/**/*.ts, target ≥ 90 % (issue 18).
import { groupConfig } from './base.mjs';

export default groupConfig('cloudmanager', ['src/core/cloudmanager/**/*.ts'], 90);
