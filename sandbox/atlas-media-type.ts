// The Atlas Admin API v2's versioned media type: every request names a resource version in Accept
// (`application/vnd.atlas.YYYY-MM-DD+json`), and a request with a body names the same one in Content-Type.
import { type ApiAnswer, mmsError } from './mms-errors';

/** The versions the sandbox serves for orgs and link tokens (the first release and the next); the migration routes
 * name their own (atlas-migration-api.ts). */
export const ATLAS_VERSIONS: readonly string[] = ['2023-01-01', '2023-02-01'];

const VERSIONED = /^application\/vnd\.atlas\.(\d{4}-\d{2}-\d{2})\+json$/;

/** The version dates named by a header's media types (parameters such as charset or q ignored), in order. */
function versionsIn(header: string | undefined): string[] {
  if (!header) return [];
  return header
    .split(',')
    .map((part) => VERSIONED.exec(part.split(';')[0]!.trim().toLowerCase())?.[1])
    .filter((date): date is string => date !== undefined);
}

/** The media type a successful answer carries, for the version the request chose. */
export const atlasMediaType = (version: string): string => `application/vnd.atlas.${version}+json;charset=utf-8`;

/**
 * The version a request asks for, or the answer that refuses it. Accept must name a supported version (the
 * first supported one wins when it names several); a request with a body must send that same version as its
 * Content-Type.
 */
export function negotiateVersion(
  accept: string | undefined,
  contentType: string | undefined,
  hasBody: boolean,
  versions: readonly string[] = ATLAS_VERSIONS,
): { version: string } | ApiAnswer {
  const version = versionsIn(accept).find((v) => versions.includes(v));
  if (version === undefined) {
    // 406 with INVALID_VERSION_DATE is what clients report seeing from Atlas for a missing or unknown version;
    // MongoDB's docs do not publish the code or the wording, so both are this sandbox's choice.
    return mmsError(
      406,
      'INVALID_VERSION_DATE',
      `The Accept header must name a supported version of this resource, e.g. application/vnd.atlas.${versions[0]}+json.`,
      [accept ?? ''],
    );
  }
  if (hasBody && versionsIn(contentType)[0] !== version) {
    // Not published either: 415 is HTTP's answer for a body in a media type the resource does not take, and
    // "the same version as Accept" is the rule the Atlas SDKs follow when they send a body.
    return mmsError(
      415,
      'UNSUPPORTED_MEDIA_TYPE',
      `The Content-Type of the body must be ${atlasMediaType(version).split(';')[0]}, the version named in Accept.`,
      [contentType ?? ''],
    );
  }
  return { version };
}
