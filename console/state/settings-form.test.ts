import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS, type Channel } from '../../shared/index.ts';
import {
  settingsFieldId,
  isSameValue,
  moveItem,
  parseWholeNumber,
  placeSettingsIssues,
  renderedFieldIds,
  textOrNull,
  withAcknowledgement,
  withChannelHours,
  withTargetKind,
  withTargetMinutes,
} from './settings-form.ts';

const phone: Channel = { kind: 'phone', label: 'Phone', value: '+420 123', hours: null, replyTarget: null };

describe('settings form helpers', () => {
  it('moves a question up and down, and leaves the list alone at its ends', () => {
    expect(moveItem(['a', 'b', 'c'], 2, -1)).toEqual(['a', 'c', 'b']);
    expect(moveItem(['a', 'b', 'c'], 0, 1)).toEqual(['b', 'a', 'c']);
    expect(moveItem(['a', 'b', 'c'], 0, -1)).toEqual(['a', 'b', 'c']);
    expect(moveItem(['a', 'b', 'c'], 2, 1)).toEqual(['a', 'b', 'c']);
  });

  it('treats a blank optional text as the default, and an emptied acknowledgement as no text for that language', () => {
    expect(textOrNull('  ')).toBeNull();
    expect(textOrNull('Ahoj')).toBe('Ahoj');
    expect(withAcknowledgement({ en: 'Thanks {name}' }, 'cs', 'Díky {name}')).toEqual({ en: 'Thanks {name}', cs: 'Díky {name}' });
    expect(withAcknowledgement({ en: 'Thanks', cs: 'Díky' }, 'cs', ' ')).toEqual({ en: 'Thanks' });
  });

  it("starts a channel's own hours from a copy of the site's weekly hours and keeps them once it has its own", () => {
    const weekly = DEFAULT_SITE_SETTINGS.schedule.weekly;
    const own = withChannelHours(phone, true, weekly);
    expect(own.hours).toEqual(weekly);
    expect(own.hours).not.toBe(weekly);
    const edited = { ...own, hours: { ...own.hours!, sat: [{ start: '10:00', end: '12:00' }] } };
    expect(withChannelHours(edited, true, weekly)).toBe(edited);
    expect(withChannelHours(edited, false, weekly).hours).toBeNull();
  });

  it('keeps the minutes when the kind of promise changes', () => {
    expect(withTargetKind({ kind: 'working', minutes: 120 }, 'nextOpening')).toEqual({ kind: 'nextOpening', plusMinutes: 120 });
    expect(withTargetKind({ kind: 'nextOpening', plusMinutes: 30 }, 'calendar')).toEqual({ kind: 'calendar', minutes: 30 });
    expect(withTargetMinutes({ kind: 'nextOpening', plusMinutes: 30 }, 45)).toEqual({ kind: 'nextOpening', plusMinutes: 45 });
    expect(parseWholeNumber(' 15 ')).toBe(15);
    expect(parseWholeNumber('1.5')).toBeNaN();
    expect(parseWholeNumber('')).toBeNaN();
  });

  it('compares documents by value, whatever the key order', () => {
    expect(isSameValue({ a: 1, b: [1, { c: null }] }, { b: [1, { c: null }], a: 1 })).toBe(true);
    expect(isSameValue({ a: 1 }, { a: 1, b: undefined })).toBe(true);
    expect(isSameValue({ a: [1, 2] }, { a: [2, 1] })).toBe(false);
    expect(isSameValue(DEFAULT_SITE_SETTINGS, structuredClone(DEFAULT_SITE_SETTINGS))).toBe(true);
  });
});

describe('placing the server\'s issues', () => {
  const settings = { ...DEFAULT_SITE_SETTINGS, channels: [phone], allowedOrigins: ['https://shop.example', 'nope'] };
  const rendered = renderedFieldIds(settings);

  it('puts each issue next to its field and links it from the summary', () => {
    const placed = placeSettingsIssues(
      [
        { path: ['look', 'accentColor'], message: 'Use a colour like #9a3412.' },
        { path: ['allowedOrigins', 1], message: 'Enter an origin such as https://shop.example.' },
      ],
      rendered,
    );
    expect(placed.byField).toEqual({
      'settings-look-accentColor': 'Use a colour like #9a3412.',
      'settings-allowedOrigins-1': 'Enter an origin such as https://shop.example.',
    });
    expect(placed.summary).toEqual([
      { fieldId: 'settings-look-accentColor', message: 'Use a colour like #9a3412.' },
      { fieldId: 'settings-allowedOrigins-1', message: 'Enter an origin such as https://shop.example.' },
    ]);
  });

  it('places an issue deep inside a channel at the nearest field on its path, and one about a whole list at the list', () => {
    const placed = placeSettingsIssues(
      [
        { path: ['channels', 0, 'hours', 'mon', 0, 'end'], message: 'An interval ends after it starts.' },
        { path: ['allowedOrigins'], message: 'Each origin may be listed once.' },
      ],
      rendered,
    );
    expect(placed.byField).toEqual({
      [settingsFieldId(['channels', 0, 'hours'])]: 'An interval ends after it starts.',
      'settings-allowedOrigins': 'Each origin may be listed once.',
    });
  });

  it('keeps an issue without a field on this screen in the summary, with what it is about', () => {
    const placed = placeSettingsIssues([{ path: ['schedule', 'timeZone'], message: 'Pick a real time zone.' }], rendered);
    expect(placed.byField).toEqual({});
    expect(placed.summary).toEqual([{ fieldId: null, message: 'schedule › timeZone: Pick a real time zone.' }]);
  });

  it('joins two issues about the same field', () => {
    const placed = placeSettingsIssues(
      [
        { path: ['teamName'], message: 'First.' },
        { path: ['teamName'], message: 'Second.' },
      ],
      rendered,
    );
    expect(placed.byField['settings-teamName']).toBe('First. Second.');
  });
});
