// The English sentence (what went wrong) and remedy (what to do) for every error kind, in one table so the UI can
// translate by kind + variant + params. Placeholders: {ip}, {seconds}, {host}; each has a `no-…` variant for when it
// is unknown.
import type { CloudManagerErrorKind } from './error-kinds';

export type ErrorText = { readonly message: string; readonly remedy: string };
export type KindTexts = { readonly default: ErrorText; readonly [variant: string]: ErrorText };
export type ErrorTextParams = { readonly ip?: string; readonly seconds?: string; readonly host?: string };

const KEY_SCREEN = 'Organization → Access Manager → API Keys';
const NEW_TOKEN = 'Generate a new link token in Atlas (Organization → Live Migration → Generate Link-Token)';
const CHECK_STATUS = 'Check the link status before trying again: the link may have been created.';
const CHECK_ADDRESS = "Check the key pair's server address (it may have moved, or a proxy rewrites requests).";

export const ERROR_TEXTS: { readonly [K in CloudManagerErrorKind]: KindTexts } = {
  'bad-credentials': {
    default: {
      message: 'The key pair was refused for this org.',
      remedy:
        'Check that the public key is entered as the username and the private key as the password, ' +
        `and that the API key belongs to this organization (${KEY_SCREEN}).`,
    },
  },
  'not-org-owner': {
    default: {
      message: 'This API key may not manage the link to Atlas for this org.',
      remedy: `Give the API key the Organization Owner role on this org (${KEY_SCREEN}), or use a key that has it.`,
    },
  },
  'ip-not-allowed': {
    default: {
      message: "This computer's IP address {ip} is not on the API key's access list.",
      remedy: `Add {ip} to the API key's access list (${KEY_SCREEN} → Edit), not to a project's network access list.`,
    },
    'no-ip': {
      message: "This computer's IP address is not on the API key's access list.",
      remedy:
        `Add this computer's public IP address to the API key's access list (${KEY_SCREEN} → Edit), ` +
        "not to a project's network access list.",
    },
  },
  'access-list-required': {
    default: {
      message: 'This org requires every API key to have an IP access list, and this key has none.',
      remedy: `Add {ip} to the API key's access list (${KEY_SCREEN} → Edit), not to a project's network access list.`,
    },
    'no-ip': {
      message: 'This org requires every API key to have an IP access list, and this key has none.',
      remedy:
        `Add this computer's public IP address to the API key's access list (${KEY_SCREEN} → Edit), ` +
        "not to a project's network access list.",
    },
  },
  'org-not-found': {
    default: {
      message: 'Cloud Manager does not know this organization, or this key pair cannot see it.',
      remedy: 'Check that the tab shows the Cloud Manager org you mean and that the key pair belongs to that org.',
    },
  },
  'group-not-found': {
    default: {
      message: 'Cloud Manager does not know this project, or this key pair cannot see it.',
      remedy: "Open the project's organization page, or use a key pair of the org that owns this project.",
    },
  },
  'invalid-id': {
    default: {
      message: 'This is not a valid Cloud Manager id.',
      remedy: 'An id is 24 lowercase hexadecimal characters, as in the address of the page.',
    },
    org: {
      message: 'This is not a valid organization id.',
      remedy: "An org id is 24 lowercase hexadecimal characters, as in the address of the org's page.",
    },
    group: {
      message: 'This is not a valid project id.',
      remedy: "A project id is 24 lowercase hexadecimal characters, as in the address of the project's page.",
    },
  },
  'atlas-org': {
    default: {
      message: 'This is an Atlas organization, not a Cloud Manager one.',
      remedy: 'Open the Cloud Manager organization you migrate from, and link it with the token made in Atlas.',
    },
  },
  'invalid-token': {
    default: {
      message: 'Cloud Manager refused the link token.',
      remedy: `${NEW_TOKEN}, copy it whole and paste it again: a token is shown once and may expire.`,
    },
    empty: {
      message: 'No link token was entered.',
      remedy: 'Paste the link token generated in Atlas (Organization → Live Migration → Generate Link-Token).',
    },
    'too-long': {
      message: 'The pasted text is implausibly long for a link token.',
      remedy: 'Copy only the link token from Atlas and paste it again.',
    },
    whitespace: {
      message: 'The pasted link token contains spaces, line breaks or invisible characters; a token is one word.',
      remedy: 'Copy only the link token from Atlas, without surrounding text, and paste it again.',
    },
  },
  'rate-limited': {
    default: {
      message: 'Cloud Manager is limiting how many requests this key may make.',
      remedy: 'Wait {seconds} seconds and try again; when linking many orgs, go slower.',
    },
    'no-seconds': {
      message: 'Cloud Manager is limiting how many requests this key may make.',
      remedy: 'Wait a minute and try again; when linking many orgs, go slower.',
    },
  },
  'server-error': {
    default: {
      message: 'Cloud Manager had an internal error.',
      remedy: 'Try again in a few minutes.',
    },
  },
  maintenance: {
    default: {
      message: 'Cloud Manager is being upgraded and does not accept changes right now.',
      remedy: 'Try again after the maintenance window.',
    },
  },
  timeout: {
    default: {
      message: 'Cloud Manager did not answer in time.',
      remedy: 'Check the network connection and try again.',
    },
    'during-link': {
      message: 'Cloud Manager did not answer the link request in time.',
      remedy: CHECK_STATUS,
    },
  },
  network: {
    default: {
      message: 'Cloud Manager could not be reached.',
      remedy: 'Check the network connection (and, for Ops Manager, the server address), then try again.',
    },
    aborted: {
      message: 'The request was cancelled before Cloud Manager answered.',
      remedy: 'Try again.',
    },
    'during-link': {
      message: 'The connection to Cloud Manager failed during the link request.',
      remedy: CHECK_STATUS,
    },
    'invalid-base-url': {
      message: 'The server address of this key pair is not a valid http(s) address.',
      remedy: "Correct the key pair's server address, for example https://cloud.mongodb.com.",
    },
  },
  redirected: {
    default: {
      message:
        "Cloud Manager's answer pointed to another address ({host}); the call was stopped and nothing was sent there.",
      remedy: `${CHECK_ADDRESS} Nothing was sent to {host}.`,
    },
    'no-host': {
      message: "Cloud Manager's answer pointed to another address; the call was stopped and nothing was sent there.",
      remedy: CHECK_ADDRESS,
    },
  },
  'stale-nonce': {
    default: {
      message: 'Cloud Manager kept rejecting the sign-in challenge as expired; the key pair itself was not refused.',
      remedy: 'Try again in a moment.',
    },
  },
  'not-linked': {
    default: {
      message: 'This org is not linked to Atlas.',
      remedy: 'Generate a link token in Atlas and link this org.',
    },
  },
  'unexpected-response': {
    default: {
      message: 'Cloud Manager gave an answer this extension does not understand.',
      remedy: 'Try again; if it persists, check that the server address points to Cloud Manager or Ops Manager.',
    },
    'after-link': {
      message: 'Cloud Manager accepted the link request but its answer was not understood.',
      remedy: CHECK_STATUS,
    },
  },
  unknown: {
    default: {
      message: 'Cloud Manager answered with an error this extension does not recognise.',
      remedy: "Try again; if it persists, check the org in Cloud Manager and the server's detail below.",
    },
    // A fault on this side (a request that could not be built, a bug): nothing Cloud Manager said.
    internal: {
      message: 'The extension hit an internal error; this is not a network or Cloud Manager problem.',
      remedy:
        "Try again; if it happens again, check the key pair's public and private keys " +
        'for line breaks or unusual characters.',
    },
  },
};

const PLACEHOLDER = /\{(\w+)\}/g;

/** Picks the variant's text (falling back to `no-{name}` when a placeholder's value is missing) and fills it in. */
export function formatErrorText(
  kind: CloudManagerErrorKind,
  variant: string | undefined,
  params: ErrorTextParams,
): ErrorText & { variant: string } {
  const texts = ERROR_TEXTS[kind];
  let chosen = variant !== undefined && texts[variant] ? variant : 'default';
  const values = params as Readonly<Record<string, string | undefined>>;
  const template = texts[chosen] ?? texts.default;
  for (const [, name] of `${template.message} ${template.remedy}`.matchAll(PLACEHOLDER)) {
    if (name !== undefined && values[name] === undefined && texts[`no-${name}`]) {
      chosen = `no-${name}`;
      break;
    }
  }
  const text = texts[chosen] ?? texts.default;
  const fill = (s: string) => s.replace(PLACEHOLDER, (whole, name: string) => values[name] ?? whole);
  return { variant: chosen, message: fill(text.message), remedy: fill(text.remedy) };
}
