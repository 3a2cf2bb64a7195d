// `import type` only: the schemas pull in full zod, which must never reach the visitor's bundle.
import type { Message, VisitorConversation, VisitorUpdatePromise } from '../../shared/protocol/schemas.ts';

/**
 * Cheap shape checks for what the server sends, instead of the zod schemas (which would cost the widget
 * more than the rest of its logic). They guard against a half-deployed server, not against an attacker:
 * the body is always rendered as text anyway.
 */
const isSeq = (value: unknown, min: number): value is number =>
  typeof value === 'number' && Number.isInteger(value) && value >= min;
const isString = (value: unknown): value is string => typeof value === 'string';
const isNullableString = (value: unknown): value is string | null => value === null || isString(value);

export function isMessage(value: unknown): value is Message {
  if (typeof value !== 'object' || value === null) return false;
  const m = value as Record<string, unknown>;
  return (
    isString(m.id) &&
    isString(m.conversationId) &&
    isSeq(m.seq, 1) &&
    isString(m.clientId) &&
    (m.author === 'visitor' || m.author === 'operator' || m.author === 'system') &&
    isNullableString(m.authorName) &&
    isString(m.body) &&
    isString(m.createdAt)
  );
}

/**
 * The fields the widget cannot do without. status, updateBy and rating are read leniently where they are
 * stored (ChatState.setConversation), so an older server's answer still syncs.
 */
export function isVisitorConversation(value: unknown): value is VisitorConversation {
  if (typeof value !== 'object' || value === null) return false;
  const c = value as Record<string, unknown>;
  return isString(c.id) && isSeq(c.lastSeq, 0) && isSeq(c.visitorSeenSeq, 0) && isSeq(c.operatorSeenSeq, 0);
}

/** An "update by" promise the widget can show: a readable instant and the operator's name. */
export function isUpdatePromise(value: unknown): value is VisitorUpdatePromise {
  if (typeof value !== 'object' || value === null) return false;
  const p = value as Record<string, unknown>;
  return isString(p.at) && !Number.isNaN(Date.parse(p.at)) && isString(p.operatorName) && isNullableString(p.note);
}
