import { describe, expect, it } from 'vitest';
import { placeServerError } from './form-errors.ts';

const fields = ['email', 'password'] as const;

describe('placeServerError', () => {
  it('puts a malformed-body refusal next to the field the server names', () => {
    const placed = placeServerError(
      { code: 'invalid_payload', message: 'The request was not in the expected form. password: A password needs at least 10 characters.' },
      fields,
    );
    expect(placed).toEqual({ fields: { password: 'A password needs at least 10 characters.' }, message: null });
  });

  it('puts a conflict next to the field it is about', () => {
    const placed = placeServerError(
      { code: 'email_taken', message: 'An operator with this e-mail address already exists.' },
      fields,
      { email_taken: 'email' },
    );
    expect(placed).toEqual({ fields: { email: 'An operator with this e-mail address already exists.' }, message: null });
  });

  it('keeps for the form alert a refusal about a field the form does not have, or about no field', () => {
    const other = 'The request was not in the expected form. role: Invalid option: expected one of "owner"|"operator"';
    expect(placeServerError({ code: 'invalid_payload', message: other }, fields)).toEqual({ fields: {}, message: other });
    expect(placeServerError({ code: 'invalid_payload', message: 'The request was not in the expected form.' }, fields))
      .toEqual({ fields: {}, message: 'The request was not in the expected form.' });
    expect(placeServerError({ code: 'network', message: 'offline' }, fields)).toEqual({ fields: {}, message: 'offline' });
  });
});
