// Request bodies are sent up to three times (unsigned, signed, after a stale nonce), and auth-int hashes them:
// so they must be replayable bytes. Streams cannot be replayed and are refused with a clear error.
import { DigestError } from './errors';

export interface ReplayableBody {
  /** What is passed to fetch each time. */
  send: BodyInit | undefined;
  /** The exact bytes, for auth-int. */
  bytes: Uint8Array | undefined;
  contentType?: string;
}

export async function replayableBody(body: BodyInit | null | undefined): Promise<ReplayableBody> {
  // Stryker disable next-line ObjectLiteral: {} is read the same (send and bytes both undefined)
  if (body === null || body === undefined) return { send: undefined, bytes: undefined };
  if (typeof body === 'string') return { send: body, bytes: new TextEncoder().encode(body) };
  if (body instanceof URLSearchParams) {
    const text = body.toString();
    return {
      send: text,
      bytes: new TextEncoder().encode(text),
      contentType: 'application/x-www-form-urlencoded;charset=UTF-8',
    };
  }
  // A copy, sent on every leg: what the caller does to its buffer meanwhile changes neither what is sent nor what
  // auth-int hashes (as fetch, which reads the body once, when called).
  if (body instanceof ArrayBuffer) {
    const bytes = new Uint8Array(body.slice(0));
    return { send: bytes, bytes };
  }
  if (ArrayBuffer.isView(body)) {
    const bytes = new Uint8Array(body.buffer.slice(body.byteOffset, body.byteOffset + body.byteLength));
    return { send: bytes, bytes };
  }
  if (body instanceof Blob) {
    const bytes = new Uint8Array(await body.arrayBuffer());
    return { send: bytes, bytes, contentType: body.type || undefined };
  }
  throw new DigestError('unreplayable-body');
}
