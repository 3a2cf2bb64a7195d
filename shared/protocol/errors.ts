/**
 * Every error code a client can receive, declared once, with the sentence a person reads.
 * Zod-free on purpose: the widget imports this file and must stay small.
 */
export const ERROR_CODES = {
  invalid_payload: 'The request was not in the expected form.',
  message_empty: 'A message cannot be empty.',
  message_too_long: 'A message can be at most 4,000 characters long.',
  unknown_event: 'This action is not known to the server.',
  protocol_mismatch: 'This chat was updated. Please reload the page to continue.',
  site_unknown: 'This chat is not set up for this website.',
  origin_not_allowed: "This chat is not enabled on this website: its address is not among the site's allowed origins.",
  token_invalid: 'Your chat session is no longer valid. A new one will be started.',
  unauthorized: 'Please sign in.',
  invalid_credentials: 'The e-mail or password is not correct.',
  forbidden: 'You do not have access to this.',
  not_found: 'This was not found.',
  conversation_not_found: 'This conversation was not found.',
  rate_limited: 'Too many requests. Please wait a moment and try again.',
  storage_unavailable: 'The server cannot reach its database right now. Please try again shortly.',
  operator_not_found: 'This operator is not a member of this site.',
  last_owner: 'A site needs at least one owner. Make someone else an owner first.',
  email_taken: 'An operator with this e-mail address already exists.',
  shortcut_taken: 'A saved reply with this shortcut already exists.',
  not_resolved: 'Only a resolved conversation can be rated.',
  identity_required: 'This chat is only for signed-in customers. Please sign in on the website to continue.',
  identity_invalid: 'We could not confirm who you are. Please sign in on the website again, then reload the page.',
  link_invalid: 'This link is not valid. Please open the chat and write to us instead.',
  link_expired: 'This link has expired. We can send you a new one.',
  link_used: 'This link was already used. We can send you a new one.',
  internal: 'Something went wrong on the server. Please try again.',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** Builds the error value for a code, with its standard sentence unless a more precise one is given. */
export function protocolError(code: ErrorCode, message: string = ERROR_CODES[code]): ProtocolError {
  return { code, message };
}
