import { fail, ok, protocolError, type Result, type VisitorIdentity } from '../../shared/index.ts';
import { createToken, hashToken } from '../auth/tokens.ts';
import { StoreConflictError, type Store, type VisitorRecord } from '../storage/index.ts';
import { isValidIdentityHash } from './identity-hash.ts';

/** What a claim of identity proved: a verified user id, an unverified claim, nothing, or a wrong signature. */
export type ClaimCheck = 'verified' | 'unverified' | 'missing' | 'invalid';

/**
 * Checks a claim against the site's current secret, so a rotated secret stops working at once. Without a
 * secret nothing can be verified: a signature is then wrong by definition.
 */
export async function checkClaim(store: Store, siteId: string, claim: VisitorIdentity | undefined): Promise<ClaimCheck> {
  if (claim === undefined) return 'missing';
  if (claim.hash === undefined) return 'unverified';
  const secret = await store.getIdentitySecret(siteId);
  return secret !== undefined && isValidIdentityHash(secret.secret, claim.id, claim.hash) ? 'verified' : 'invalid';
}

/** Whether a site that requires verification refuses this check, and with which error. */
export function refusal(check: ClaimCheck, requireVerification: boolean) {
  if (!requireVerification || check === 'verified') return undefined;
  return check === 'invalid' ? protocolError('identity_invalid') : protocolError('identity_required');
}

export interface ResolveInput {
  siteId: string;
  /** The visitor of the presented token (or of the socket, for `visitor:identify`); undefined: a new browser. */
  current: VisitorRecord | undefined;
  claim: VisitorIdentity | undefined;
  requireVerification: boolean;
  now: string;
  /** Creates a visitor with a fresh token (the caller rate-limits and names it). */
  newVisitor(ids: { verifiedId?: string; claimedId?: string }): Promise<Result<{ visitor: VisitorRecord; token: string }>>;
}

export interface ResolvedVisitor {
  visitor: VisitorRecord;
  /** A token this browser must store from now on; null when it keeps the one it has. */
  token: string | null;
  /** The verified user id this connection proved, if any. */
  verifiedId: string | null;
}

/**
 * Decides which visitor a connection belongs to, given who the page says the user is (docs/identity.md):
 * - a verified id finds the site's one visitor for that user (another device gets a token of its own), or
 *   makes the current anonymous visitor that user, or starts one;
 * - a connection that was another verified user starts a fresh visitor: never the previous user's thread;
 * - an unverified id is only written on the current visitor as a claim; it never looks anyone up.
 * With `requireVerification`, a missing or wrong signature is refused before anything is stored.
 */
export async function resolveIdentity(store: Store, input: ResolveInput): Promise<Result<ResolvedVisitor>> {
  const { siteId, current, claim, now } = input;
  const check = await checkClaim(store, siteId, claim);
  const refused = refusal(check, input.requireVerification);
  if (refused) return fail(refused);

  if (claim === undefined) {
    if (current) return ok({ visitor: current, token: null, verifiedId: null });
    return fromNew(await input.newVisitor({}), null);
  }

  if (check !== 'verified') {
    // An unsigned (or, with verification off, wrongly signed) claim: text on the current visitor, no lookup.
    const profile = { name: claim.name, email: claim.email?.toLowerCase(), claimedId: claim.id };
    if (current?.verifiedId === claim.id) return ok({ visitor: current, token: null, verifiedId: null });
    if (current && current.verifiedId === null) {
      const visitor = await store.updateVisitorProfile({ visitorId: current.id, ...profile });
      return ok({ visitor, token: null, verifiedId: null });
    }
    // A verified user's browser now names someone else without proof: that someone gets a fresh visitor.
    const created = await input.newVisitor({ claimedId: claim.id });
    if (!created.ok) return created;
    const visitor = await store.updateVisitorProfile({ visitorId: created.data.visitor.id, name: profile.name, email: profile.email });
    return ok({ visitor, token: created.data.token, verifiedId: null });
  }

  const verifiedId = claim.id;
  const withProfile = async (visitor: VisitorRecord, token: string | null): Promise<Result<ResolvedVisitor>> => {
    // The host site vouches for these, so they replace what the visitor typed before.
    const updated =
      claim.name !== undefined || claim.email !== undefined
        ? await store.updateVisitorProfile({ visitorId: visitor.id, name: claim.name, email: claim.email?.toLowerCase() })
        : visitor;
    return ok({ visitor: updated, token, verifiedId });
  };
  /** The user's existing record, reached from this browser with a token of its own. */
  const continueOn = async (visitor: VisitorRecord) => {
    const token = createToken();
    await store.addVisitorToken({ visitorId: visitor.id, tokenHash: hashToken(token), now });
    return withProfile(visitor, token);
  };

  if (current?.verifiedId === verifiedId) return withProfile(current, null);
  const existing = await store.getVisitorByVerifiedId(siteId, verifiedId);
  if (existing) return continueOn(existing);
  try {
    if (current && current.verifiedId === null) {
      // This browser's anonymous visitor signed in: their thread so far becomes the user's.
      return withProfile(await store.verifyVisitor({ visitorId: current.id, verifiedId }), null);
    }
    const created = await input.newVisitor({ verifiedId });
    if (!created.ok) return created;
    return withProfile(created.data.visitor, created.data.token);
  } catch (err) {
    // The same user arrived at the same moment from another device and won the unique index.
    if (!(err instanceof StoreConflictError)) throw err;
    const winner = await store.getVisitorByVerifiedId(siteId, verifiedId);
    if (!winner) throw err;
    return continueOn(winner);
  }
}

function fromNew(created: Result<{ visitor: VisitorRecord; token: string }>, verifiedId: string | null): Result<ResolvedVisitor> {
  return created.ok ? ok({ visitor: created.data.visitor, token: created.data.token, verifiedId }) : created;
}
