export { createInbox, type ConnectionState, type Inbox, type InboxDeps, type LoadState } from './inbox.ts';
export { createSessionStore, validateLoginForm, type LoginForm, type SessionState, type SessionStore } from './session.ts';
export { conversationHref, inboxHref, parseRoute, type Route } from './route.ts';
export { totalUnread } from './conversation-list.ts';
export type { PendingMessage } from './outbox.ts';
export type { ThreadEntry } from './thread.ts';
export type { Typist } from './typing.ts';
