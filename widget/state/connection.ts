/**
 * Where the connection to the server stands, shown in words when it is not simply connected.
 * - idle: not asked to connect yet (a visitor without a conversation who has not chatted or sent the form);
 * - connecting: first attempt; reconnecting: it dropped and socket.io is trying again;
 * - outdated: the server speaks a newer protocol (reload needed); disabled: this site is unknown (hide).
 */
export const CONNECTION_STATES = {
  idle: 'idle',
  connecting: 'connecting',
  connected: 'connected',
  reconnecting: 'reconnecting',
  outdated: 'outdated',
  disabled: 'disabled',
} as const;
export type ConnectionState = (typeof CONNECTION_STATES)[keyof typeof CONNECTION_STATES];
