// The real service's answers as the Atlas CLI recorded them (mongodb/mongodb-atlas-cli at 8ddea41a, 2026-08-10),
// copied byte for byte, so the sandbox's tests compare with the recording and not with the sandbox's own code.

/** A wrong private key or an unknown public key (TestSetupFailureFlow/Invalid_Private_Key, Invalid_Public_Key). */
export const RECORDED_401 =
  '{\n  "error" : 401,\n  "reason" : "Unauthorized",\n  "detail" : "You are not authorized for this resource.",\n  "errorCode" : "UNEXPECTED_ERROR"\n}';

/** The challenge beside it: a fresh 32-character base64 nonce, stale=false. */
export const RECORDED_CHALLENGE =
  /^Digest realm="MMS Public API", domain="", nonce="[A-Za-z0-9+/=]{32}", algorithm=MD5, qop="auth", stale=false$/;

/** DELETE of an Atlas org's link tokens with no link (TestLinkToken/DELETE_..._linkTokens_1). */
export const RECORDED_NO_LINK =
  '{"detail":"Could not find the requested external organization link.","error":404,"errorCode":"UNEXPECTED_ERROR","parameters":null,"reason":"Not Found"}';
