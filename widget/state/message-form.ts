// Zod-free protocol file, imported directly rather than through the protocol index (which pulls in zod).
import { LIMITS } from '../../shared/protocol/limits.ts';

/** What the visitor typed into the message form. */
export interface FormValues {
  body: string;
  name: string;
  email: string;
}

export type FormField = keyof FormValues;
/** Each invalid field with the dictionary key of its error, in the form's order (the first gets focus). */
export type FormErrors = Partial<Record<FormField, 'errorBody' | 'errorTooLong' | 'errorEmail' | 'errorName' | 'errorGeneric'>>;

/** The same bounds FormSubmitRequest enforces (shared/protocol/events.ts), checked before queueing. */
const NAME_MAX = 80;
const EMAIL_MAX = 254;
/** Deliberately loose: the server checks properly; this only catches a typo before the visitor leaves. */
const EMAIL_SHAPE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** @param isEmailRequired false when this visitor gave an address before. */
export function validateForm(values: FormValues, isEmailRequired: boolean): FormErrors {
  const errors: FormErrors = {};
  if (values.body.trim() === '') errors.body = 'errorBody';
  else if (values.body.length > LIMITS.messageLength) errors.body = 'errorTooLong';
  if (values.name.trim().length > NAME_MAX) errors.name = 'errorName';
  const email = values.email.trim();
  if ((email !== '' || isEmailRequired) && (!EMAIL_SHAPE.test(email) || email.length > EMAIL_MAX)) {
    errors.email = 'errorEmail';
  }
  return errors;
}

/**
 * Which field a server refusal names. The server answers `invalid_payload` with a sentence naming the field
 * ("… email: Please enter a valid e-mail address."); the visitor gets our own translated text at that field.
 */
export function refusedField(message: string): FormField {
  if (/\bemail\b/i.test(message)) return 'email';
  if (/\bname\b/i.test(message)) return 'name';
  return 'body';
}
