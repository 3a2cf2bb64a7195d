import type { Message } from '../../shared/protocol/schemas.ts';
import { isMessage, isToken, isVisitorConversation, type ChatState, type Outbox, type TokenStore } from '../state/index.ts';
import type { VisitorRequests } from './requests.ts';

export interface SyncDeps {
  requests: Pick<VisitorRequests, 'sync'>;
  chat: ChatState;
  tokens: TokenStore;
  outbox: Outbox;
}

export type SyncOutcome = { ok: true; added: Message[] } | { ok: false; code: string };

/**
 * Brings this tab up to date: asks for everything after the last seq it holds, page by page while the
 * server says `hasMore`. Stores a newly issued token, and removes from the outbox what the server already
 * stored (an ack lost with the connection, or another tab's send). Rejects when the connection fails.
 */
export async function syncConversation({ requests, chat, tokens, outbox }: SyncDeps): Promise<SyncOutcome> {
  const added: Message[] = [];
  for (;;) {
    const afterSeq = chat.syncedSeq();
    const result = await requests.sync(afterSeq);
    if (!result.ok) return { ok: false, code: result.error.code };
    const { token, conversation, messages, hasMore } = result.data;
    if (isToken(token)) tokens.write(token);
    if (isVisitorConversation(conversation)) chat.setConversation(conversation);
    const valid = Array.isArray(messages) ? messages.filter(isMessage) : [];
    added.push(...chat.merge(valid));
    for (const m of valid) if (m.author === 'visitor') outbox.remove(m.clientId);
    // A page that moved us nowhere would loop for ever; the next reconnect or gap retries.
    if (!hasMore || chat.syncedSeq() === afterSeq) return { ok: true, added };
  }
}
