// The words of an import's text and line problems, from the catalogues (a typed table of literal keys per kind).
import type { ImportLineProblem, ImportTextProblem } from '../core/vault/import';
import { t } from '../shared/text/i18n';

export function importTextProblem(problem: ImportTextProblem): string {
  switch (problem.kind) {
    case 'empty':
      return t('importEmpty');
    case 'missing-columns':
      return t('importMissingColumns', problem.columns.join(', '));
    case 'bad-json':
      return t('importBadJson');
    case 'not-a-list':
      return t('importNotAList');
    case 'bad-toml':
      return t('importBadToml');
    case 'too-many':
      return t('importTooMany', String(problem.max));
    default:
      return t('importNoLines');
  }
}

export function importLineProblem(problem: ImportLineProblem): string {
  switch (problem.kind) {
    case 'missing-field':
      return problem.field === 'client'
        ? t('importMissingClient')
        : problem.field === 'side'
          ? t('importMissingSide')
          : t('importMissingPublicKey');
    case 'unknown-side':
      return t('importUnknownSide');
    case 'unknown-credential':
      return t('importUnknownCredential');
    case 'no-credential':
      return t('importNoCredential');
    default:
      return t('importDuplicateLine', String(problem.firstLine));
  }
}
