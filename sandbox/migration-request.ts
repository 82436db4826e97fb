// The body of a validate or start request (LiveMigrationRequest20240530): source {groupId, clusterName,
// managedAuthentication, ssl[, username, password, caCertificatePath]}, destination {groupId, clusterName,
// hostnameSchemaType[, privateLinkId]}, exactly one migration host, dropDestinationData, sharding. The spec lists 400
// for a bad body without a code; VALIDATION_ERROR is its badRequest example's code, and the wording is the sandbox's.
// The source's username and password are read for their type only, and never kept or echoed.
import { OBJECT_ID } from './api';
import { type ApiAnswer, mmsError } from './mms-errors';

export interface MigrationRequest {
  source: { groupId: string; clusterName: string; managedAuthentication: boolean; ssl: boolean };
  destination: { groupId: string; clusterName: string; hostnameSchemaType: string };
  migrationHosts: string[];
  dropDestinationData: boolean;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const invalid = (attribute: string) =>
  mmsError(400, 'VALIDATION_ERROR', `Invalid or missing attribute ${attribute}.`, [attribute]);

export function readMigrationRequest(raw: string): MigrationRequest | ApiAnswer {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    return mmsError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  }
  if (!isRecord(body)) return mmsError(400, 'MALFORMED_JSON', 'Received JSON is malformed.');
  const { source, destination, migrationHosts, dropDestinationData } = body;
  if (!isRecord(source)) return invalid('source');
  if (typeof source.groupId !== 'string' || !OBJECT_ID.test(source.groupId)) return invalid('source.groupId');
  if (typeof source.clusterName !== 'string' || source.clusterName === '') return invalid('source.clusterName');
  if (typeof source.managedAuthentication !== 'boolean') return invalid('source.managedAuthentication');
  if (typeof source.ssl !== 'boolean') return invalid('source.ssl');
  for (const optional of ['username', 'password', 'caCertificatePath']) {
    if (source[optional] !== undefined && typeof source[optional] !== 'string') return invalid(`source.${optional}`);
  }
  if (!isRecord(destination)) return invalid('destination');
  if (typeof destination.groupId !== 'string' || !OBJECT_ID.test(destination.groupId)) {
    return invalid('destination.groupId');
  }
  if (typeof destination.clusterName !== 'string' || destination.clusterName === '') {
    return invalid('destination.clusterName');
  }
  if (typeof destination.hostnameSchemaType !== 'string' || destination.hostnameSchemaType === '') {
    return invalid('destination.hostnameSchemaType');
  }
  // minItems 1, maxItems 1 in the spec.
  if (
    !Array.isArray(migrationHosts) ||
    migrationHosts.length !== 1 ||
    typeof migrationHosts[0] !== 'string' ||
    migrationHosts[0] === ''
  ) {
    return invalid('migrationHosts');
  }
  if (dropDestinationData !== undefined && typeof dropDestinationData !== 'boolean') {
    return invalid('dropDestinationData');
  }
  return {
    source: {
      groupId: source.groupId,
      clusterName: source.clusterName,
      managedAuthentication: source.managedAuthentication,
      ssl: source.ssl,
    },
    destination: {
      groupId: destination.groupId,
      clusterName: destination.clusterName,
      hostnameSchemaType: destination.hostnameSchemaType,
    },
    migrationHosts: [migrationHosts[0]],
    dropDestinationData: dropDestinationData ?? false,
  };
}
