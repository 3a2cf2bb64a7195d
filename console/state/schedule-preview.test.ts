import { describe, expect, it } from 'vitest';
import { previewUrl } from './schedule-preview.ts';
import { instantIn, localPartsIn } from './zoned-time.ts';

describe('the preview moment', () => {
  it('reads a wall time in the chosen zone, in winter and summer', () => {
    // 09:30 in Prague on 24 Dec is CET (UTC+1); on 1 Jul CEST (UTC+2).
    expect(instantIn('2026-12-24', '09:30', 'Europe/Prague')?.toISOString()).toBe('2026-12-24T08:30:00.000Z');
    expect(instantIn('2026-07-01', '09:30', 'Europe/Prague')?.toISOString()).toBe('2026-07-01T07:30:00.000Z');
    expect(instantIn('2026-12-24', '09:30', 'America/New_York')?.toISOString()).toBe('2026-12-24T14:30:00.000Z');
  });

  it('takes the first of an ambiguous autumn time and reads a spring-gap time with the offset before it', () => {
    // 25 Oct 2026 02:30 happens twice in Prague: first in CEST (00:30Z).
    expect(instantIn('2026-10-25', '02:30', 'Europe/Prague')?.toISOString()).toBe('2026-10-25T00:30:00.000Z');
    // 29 Mar 2026 02:30 does not exist in Prague; read as CET it is 01:30Z (03:30 CEST).
    expect(instantIn('2026-03-29', '02:30', 'Europe/Prague')?.toISOString()).toBe('2026-03-29T01:30:00.000Z');
  });

  it('shows an instant as the local date and time of a zone', () => {
    expect(localPartsIn(new Date('2026-12-24T23:30:00Z'), 'Europe/Prague')).toEqual({ date: '2026-12-25', time: '00:30' });
    expect(localPartsIn(new Date('2026-12-24T23:30:00Z'), 'America/New_York')).toEqual({ date: '2026-12-24', time: '18:30' });
  });

  it('builds the preview URL, or none while the controls do not name a moment', () => {
    const url = previewUrl('demo', { date: '2026-12-24', time: '09:30', timeZone: 'Europe/Prague', lang: 'cs' });
    expect(url).toBe('/preview?site=demo&at=2026-12-24T08%3A30%3A00Z&lang=cs&tz=Europe%2FPrague');
    expect(previewUrl('demo', { date: '2026-12-', time: '09:30', timeZone: 'Europe/Prague', lang: 'cs' })).toBeNull();
    expect(previewUrl('demo', { date: '2026-12-24', time: '09:30', timeZone: 'Mars/Olympus', lang: 'cs' })).toBeNull();
  });
});
