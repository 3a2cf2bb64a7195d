import { describe, expect, it } from 'vitest';
import { checkOperatorForm, emptyOperatorForm } from './operator-form.ts';

describe('checkOperatorForm', () => {
  it('gives every field its problem at once, in the server’s words', () => {
    expect(checkOperatorForm({ ...emptyOperatorForm, email: 'not-an-email', password: 'short' })).toEqual({
      ok: false,
      errors: {
        name: 'Enter a name.',
        email: 'Enter a valid e-mail address.',
        password: 'A password needs at least 10 characters.',
      },
    });
  });

  it('sends no password when the field is blank, so the server generates one', () => {
    expect(checkOperatorForm({ name: ' Lenka ', email: ' lenka@example.com ', role: 'operator', password: '' })).toEqual({
      ok: true,
      request: { name: 'Lenka', email: 'lenka@example.com', role: 'operator' },
    });
  });

  it('sends a chosen password exactly as typed, spaces included', () => {
    const check = checkOperatorForm({ name: 'Ana', email: 'ana@example.com', role: 'owner', password: ' ten chars ' });
    expect(check).toEqual({ ok: true, request: { name: 'Ana', email: 'ana@example.com', role: 'owner', password: ' ten chars ' } });
  });

  it('refuses a name longer than 80 characters and a blank name', () => {
    const long = checkOperatorForm({ ...emptyOperatorForm, name: 'x'.repeat(81), email: 'a@example.com' });
    expect(long).toEqual({ ok: false, errors: { name: 'A name can be at most 80 characters long.' } });
    const blank = checkOperatorForm({ ...emptyOperatorForm, name: '   ', email: 'a@example.com' });
    expect(blank).toEqual({ ok: false, errors: { name: 'Enter a name.' } });
  });
});
