/**
 * Every English string of the console, in one place so another language can be added as a sibling file
 * of the same shape (`Strings`). Plurals and sentences with values are functions, because word order and
 * plural rules differ between languages (Czech has three plural forms).
 */
export const en = {
  appName: 'Porchlight',
  documentTitle: 'Porchlight console',
  documentTitleWithUnread: (count: number) => `(${count}) Porchlight console`,

  // Sign-in
  signInHeading: 'Sign in to Porchlight',
  emailLabel: 'E-mail',
  passwordLabel: 'Password',
  signInButton: 'Sign in',
  signingIn: 'Signing in…',
  enterEmail: 'Enter your e-mail address.',
  enterPassword: 'Enter your password.',
  sessionEnded: 'Your session has ended. Please sign in again.',
  checkingSession: 'Loading…',
  signOutButton: 'Sign out',
  signedInAs: (name: string) => `Signed in as ${name}`,
  unsentOnSignOut: (count: number) =>
    count === 1 ? '1 reply has not been sent yet. Sign out anyway?' : `${count} replies have not been sent yet. Sign out anyway?`,
  signOutAnywayButton: 'Sign out anyway',
  staySignedInButton: 'Stay signed in',

  // Connection
  connecting: 'Connecting…',
  reconnecting: 'Connection lost. Reconnecting…',
  outdated: 'The console was updated, please reload.',
  reloadButton: 'Reload',
  networkError: 'The server cannot be reached. Check your connection and try again.',
  timeoutError: 'The server did not answer in time. Please try again.',
  offlineError: 'You are offline. This will be retried when the connection is back.',

  // Inbox
  conversationsHeading: 'Conversations',
  loadingConversations: 'Loading conversations…',
  noConversations: 'No conversations yet. They appear here as soon as a visitor writes.',
  noMessagesYet: 'No messages yet',
  unreadCount: (count: number) => (count === 1 ? '1 unread message' : `${count} unread messages`),
  youPrefix: 'You: ',
  /** The list's preview of a conversation with a reply still on its way. */
  sendingPreview: (body: string) => `Sending… ${body}`,
  chooseConversation: 'Choose a conversation to read and answer it.',

  // Conversation
  backToConversations: 'Back to conversations',
  threadLabel: (visitorName: string) => `Messages with ${visitorName}`,
  loadingMessages: 'Loading messages…',
  conversationEmpty: 'No messages in this conversation yet.',
  you: 'You',
  operatorFallbackName: 'Operator',
  sending: 'Sending…',
  notSent: (reason: string) => `Not sent: ${reason}`,
  retryButton: 'Retry',
  seen: 'Seen',
  visitorTyping: 'Visitor is typing…',
  personTyping: (name: string) => `${name} is typing…`,
  replyLabel: 'Your reply',
  replyHint: 'Enter sends, Shift+Enter adds a line.',
  sendButton: 'Send',
  charactersLeft: (count: number) => (count === 1 ? '1 character left' : `${count} characters left`),
  tooLong: (over: number) => `The message is ${over} ${over === 1 ? 'character' : 'characters'} too long.`,
  siteLabel: (siteName: string) => `Site: ${siteName}`,
  automaticReply: 'Automatic reply',
  automaticReplyPrefix: 'Automatic reply: ',
  /** `when` is a short day and time in the operator's zone, e.g. "Mon 9:30". */
  replyBy: (when: string) => `Reply by ${when}`,
  replyOverdue: (when: string) => `Overdue: reply by ${when}`,

  // Presence
  yourStatus: 'Your status',
  statusOnline: 'Online',
  statusAway: 'Away',
  statusOffline: 'Offline',
  idleAway: 'You were set to away after inactivity.',
  goOnlineButton: 'Go online',
  teamHeading: "Who's online",
  youSuffix: ' (you)',
  noTeamYet: 'Loading your team…',
};

export type Strings = typeof en;
