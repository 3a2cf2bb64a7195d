// Types only: the protocol schemas pull in zod, which must never reach the visitor's bundle.
import type { VisitorIdentity } from '../../shared/protocol/events.ts';

export type { VisitorIdentity };

/** The same bounds VisitorIdentity enforces (shared/protocol/events.ts); a handshake outside them is refused. */
const ID_MAX = 255;
const NAME_MAX = 80;
const EMAIL_MAX = 254;
const HASH_MAX = 128;
/** Loose, like the form's: the server checks properly; this keeps an obvious typo out of the handshake. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** A checked argument, with what was left out of it; or why it cannot be used at all. */
export type Checked<T> = { ok: true; data: T; warnings?: string[] } | { ok: false; error: string };
const refuse = (error: string) => ({ ok: false as const, error });

/**
 * Checks what a host page passed to `Porchlight('identify', …)`. The id must be right (it decides whose
 * thread this is); a bad name or e-mail is left out with a warning rather than losing the identity, since the
 * server would refuse the whole handshake for it.
 *
 * @example
 * readIdentity({ id: '42', name: 'Anna', email: 'anna@example.com', hash: '5cf1…' }) // { ok: true, data: {…} }
 */
export function readIdentity(value: unknown): Checked<VisitorIdentity> {
  if (typeof value !== 'object' || value === null) return refuse("identify needs an object: Porchlight('identify', { id, name, email, hash }).");
  const { id, name, email, hash } = value as Record<string, unknown>;
  if (typeof id === 'number' && Number.isFinite(id)) return readIdentity({ ...value, id: String(id) });
  if (typeof id !== 'string' || id === '' || id.length > ID_MAX || id.includes('\u0000')) {
    return refuse(`identify: "id" must be your user's id as a string of 1 to ${ID_MAX} characters.`);
  }
  const identity: VisitorIdentity = { id };
  const warnings: string[] = [];
  if (name !== undefined && name !== null) {
    const trimmed = typeof name === 'string' ? name.trim() : '';
    if (trimmed === '' || trimmed.length > NAME_MAX || trimmed.includes('\u0000')) warnings.push(`identify: "name" must be text of at most ${NAME_MAX} characters; left out.`);
    else identity.name = trimmed;
  }
  if (email !== undefined && email !== null) {
    const trimmed = typeof email === 'string' ? email.trim() : '';
    if (!EMAIL_SHAPE.test(trimmed) || trimmed.length > EMAIL_MAX) warnings.push('identify: "email" is not an e-mail address; left out.');
    else identity.email = trimmed;
  }
  if (hash !== undefined && hash !== null) {
    if (typeof hash !== 'string' || hash === '' || hash.length > HASH_MAX) warnings.push('identify: "hash" must be the HMAC-SHA256 of the id in hex (docs/identity.md); left out.');
    else identity.hash = hash;
  }
  return warnings.length > 0 ? { ok: true, data: identity, warnings } : { ok: true, data: identity };
}

/** Whether two identities would tell the server the same thing. */
export function isSameIdentity(a: VisitorIdentity | null, b: VisitorIdentity | null): boolean {
  return a === b || (a !== null && b !== null && a.id === b.id && a.name === b.name && a.email === b.email && a.hash === b.hash);
}
