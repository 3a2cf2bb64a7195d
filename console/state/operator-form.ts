import type { Role } from '../../shared/index.ts';
import { t } from '../i18n/index.ts';
import type { NewOperator } from '../transport/index.ts';
import { hasForbiddenText, type FormCheck } from './form-errors.ts';

/** The "Add an operator" form as typed; `password` is blank when the server should generate one. */
export interface OperatorForm {
  name: string;
  email: string;
  role: Role;
  password: string;
}

export type OperatorField = 'name' | 'email' | 'password';
export const OPERATOR_FIELDS: readonly OperatorField[] = ['name', 'email', 'password'];

export const emptyOperatorForm: OperatorForm = { name: '', email: '', role: 'operator', password: '' };

// Deliberately loose, like the browser's own check: the server's zod `z.email()` has the last word.
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/**
 * Checks the form against the rules of the shared `CreateOperatorRequest` (without bundling zod, see
 * console/protocol.ts) and gives every field's problem at once, in the server's words.
 */
export function checkOperatorForm(form: OperatorForm): FormCheck<OperatorField, NewOperator> {
  const errors: Partial<Record<OperatorField, string>> = {};
  const name = form.name.trim();
  const email = form.email.trim();
  if (name.length === 0) errors.name = t.enterName;
  else if (name.length > 80) errors.name = t.nameTooLong;
  else if (hasForbiddenText(name)) errors.name = t.textNotAllowed;
  if (!EMAIL.test(email) || email.length > 254) errors.email = t.enterValidEmail;
  if (form.password.length > 0 && form.password.length < 10) errors.password = t.passwordTooShort;
  else if (form.password.length > 1024) errors.password = t.passwordTooLong;
  if (Object.keys(errors).length > 0) return { ok: false, errors };
  // The password is sent exactly as typed: spaces may be part of it.
  const request: NewOperator = { name, email, role: form.role };
  if (form.password.length > 0) request.password = form.password;
  return { ok: true, request };
}
