import { randomBytes } from 'node:crypto';
import type { Config } from '../config.ts';
import type { Store } from '../storage/index.ts';

/** reply+<24 hex digits>@domain: the token is the conversation's key, so it must be unguessable. */
const REPLY_LOCAL_PART = /^reply\+([0-9a-f]{24})$/;

/**
 * The conversation's reply address, for the Reply-To of mails to its visitor; null while inbound mail is off
 * (a reply would then go to MAIL_FROM, which the owner reads).
 */
export async function replyAddressFor(store: Store, config: Config, conversationId: string, now: Date): Promise<string | null> {
  if (config.mail.inboundPort === undefined) return null;
  const token = await store.ensureReplyToken({ conversationId, token: randomBytes(12).toString('hex'), now: now.toISOString() });
  return `reply+${token}@${config.mail.replyDomain}`;
}

/** The token of a reply address at our domain, or undefined for any other address. */
export function replyTokenOf(address: string, replyDomain: string): string | undefined {
  const at = address.lastIndexOf('@');
  if (at < 0 || address.slice(at + 1).toLowerCase() !== replyDomain) return undefined;
  return REPLY_LOCAL_PART.exec(address.slice(0, at).toLowerCase())?.[1];
}
