// Messages of the options page and the dashboard (profiles, security, backup, history, all orgs).
export type OptionsMessages = {};
