/**
 * The wire protocol version. Bump it whenever an event or payload changes in a way an older client
 * cannot understand; a client that sends another version is refused with `protocol_mismatch`, so an
 * old widget cached by a browser says "please reload" instead of failing silently.
 */
export const PROTOCOL_VERSION = 1;
