import { describe, expect, it } from 'vitest';
import { checkSavedReplyForm, normalizeShortcut } from './saved-reply-form.ts';

describe('checkSavedReplyForm', () => {
  it('accepts a shortcut typed with its "/" and in capitals, and stores it bare and lowercase', () => {
    expect(normalizeShortcut('  /Opening-Hours ')).toBe('opening-hours');
    expect(checkSavedReplyForm({ shortcut: '/Hours', title: ' Opening hours ', body: 'Hi {{firstName|there}},\n9–17.' })).toEqual({
      ok: true,
      request: { shortcut: 'hours', title: 'Opening hours', body: 'Hi {{firstName|there}},\n9–17.' },
    });
  });

  it('gives every field its problem at once', () => {
    expect(checkSavedReplyForm({ shortcut: '', title: ' ', body: ' \n ' })).toEqual({
      ok: false,
      errors: { shortcut: 'Enter a shortcut.', title: 'Enter a title.', body: 'A saved reply cannot be empty.' },
    });
  });

  it('refuses a shortcut with spaces or other signs, or longer than 40 characters', () => {
    const valid = { title: 'T', body: 'B' };
    expect(checkSavedReplyForm({ ...valid, shortcut: 'opening hours' })).toMatchObject({ ok: false, errors: { shortcut: expect.stringContaining('letters, digits') } });
    expect(checkSavedReplyForm({ ...valid, shortcut: '-hours' })).toMatchObject({ ok: false, errors: { shortcut: expect.stringContaining('letters, digits') } });
    expect(checkSavedReplyForm({ ...valid, shortcut: 'a'.repeat(41) })).toEqual({
      ok: false,
      errors: { shortcut: 'A shortcut can be at most 40 characters long.' },
    });
    expect(checkSavedReplyForm({ ...valid, shortcut: 'a'.repeat(40) }).ok).toBe(true);
  });

  it('refuses a text longer than a message may be', () => {
    expect(checkSavedReplyForm({ shortcut: 'long', title: 'Long', body: 'x'.repeat(4001) })).toEqual({
      ok: false,
      errors: { body: 'A saved reply can be at most 4,000 characters long.' },
    });
  });
});
