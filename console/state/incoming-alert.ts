import type { ConversationSummary, Message } from '../../shared/index.ts';

/** What to tell an operator who is not looking at the console. */
export interface IncomingAlert {
  kind: 'newConversation' | 'message';
  visitorName: string;
  body: string;
  conversationId: string;
}

/**
 * Whether a new message calls for a notification: a visitor wrote, the console's tab is hidden, and the
 * conversation is this operator's or nobody's (someone else's visitor is theirs to answer).
 * `isNewConversation`: we had not heard of the conversation before this message.
 */
export function incomingAlert(input: {
  message: Message;
  conversation: ConversationSummary;
  operatorId: string;
  isPageVisible: boolean;
  isNewConversation: boolean;
}): IncomingAlert | null {
  const { message, conversation } = input;
  if (input.isPageVisible || message.author !== 'visitor') return null;
  if (conversation.assigneeId !== null && conversation.assigneeId !== input.operatorId) return null;
  return {
    kind: input.isNewConversation ? 'newConversation' : 'message',
    visitorName: conversation.visitorName,
    body: message.body,
    conversationId: conversation.id,
  };
}
