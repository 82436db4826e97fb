// Importing many key pairs at once: reading CSV, JSON or config.toml into lines, and checking each by the add's rules.
export { keyPairProblem, withSecret } from './check-line';
export type { ImportFormat, ImportLine, ImportLineProblem, ImportParse, ImportTextProblem } from './import-line';
export { detectFormat, parseImport } from './parse-import';
