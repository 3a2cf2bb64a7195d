export { createIdentitySecret, identityHash, isValidIdentityHash } from './identity-hash.ts';
export { checkClaim, refusal, resolveIdentity, type ClaimCheck, type ResolvedVisitor, type ResolveInput } from './resolve-identity.ts';
