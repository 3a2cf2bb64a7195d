import { describe, expect, it } from 'vitest';
import { refusedField, validateForm } from './message-form.ts';

describe('validateForm', () => {
  const valid = { body: 'Do you ship to Brno?', name: '', email: 'anna@example.com' };
  it('accepts a message with an address, the name being optional', () => {
    expect(validateForm(valid, true)).toEqual({});
  });
  it('requires a message that is not blank and not over the limit', () => {
    expect(validateForm({ ...valid, body: '  \n' }, true)).toEqual({ body: 'errorBody' });
    expect(validateForm({ ...valid, body: 'x'.repeat(4001) }, true)).toEqual({ body: 'errorTooLong' });
  });
  it('requires an address unless the visitor gave one before, and checks one that is typed anyway', () => {
    expect(validateForm({ ...valid, email: '' }, true)).toEqual({ email: 'errorEmail' });
    expect(validateForm({ ...valid, email: '' }, false)).toEqual({});
    expect(validateForm({ ...valid, email: 'anna@' }, false)).toEqual({ email: 'errorEmail' });
  });
  it('refuses a name over 80 characters', () => {
    expect(validateForm({ ...valid, name: 'A'.repeat(81) }, true)).toEqual({ name: 'errorName' });
  });
});

describe('refusedField', () => {
  it('finds the field a server refusal names', () => {
    expect(refusedField('Invalid payload: email: Please enter a valid e-mail address.')).toBe('email');
    expect(refusedField('name: A name can be at most 80 characters long.')).toBe('name');
    expect(refusedField('body: Text must be valid Unicode.')).toBe('body');
  });
});
