// Messages of the options page: editing key pairs, testing one, the passphrase, encrypted backups.
import type { ProfileInput, ProfileView } from './messages';

export type OptionsMessages = {
  'profiles/update': {
    request: { profileId: string; patch: Partial<ProfileInput> };
    response: { profile: ProfileView };
  };
  'profiles/test': { request: { profileId: string; orgId?: string }; response: { orgId: string; name: string } };
  'vault/change-passphrase': { request: { oldPassphrase: string; newPassphrase: string }; response: null };
  'backup/export': { request: Record<string, never>; response: { text: string; fileName: string } };
  'backup/preview': { request: { text: string; passphrase: string }; response: { labels: string[] } };
  'backup/import': {
    request: { text: string; passphrase: string; mode: 'replace' | 'merge' };
    response: { profiles: number };
  };
};
