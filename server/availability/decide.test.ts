import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS, SiteSettings } from '../../shared/index.ts';
import { demoSettings } from '../seed.ts';
import { decideAvailability } from './decide.ts';

// Default schedule: Monday–Friday 9:00–17:00 in Prague.
const mondayNoon = new Date('2026-11-30T11:00:00Z'); // Mon 12:00 Prague
const mondayNight = new Date('2026-11-30T20:00:00Z'); // Mon 21:00 Prague

const withBasis = (basis: SiteSettings['availability']['basis'], outsideHours: 'hide' | 'form' = 'form', nobodyOnline: 'hide' | 'form' = 'form'): SiteSettings => ({
  ...DEFAULT_SITE_SETTINGS,
  availability: { basis, outsideHours, nobodyOnline },
});

describe('what the widget shows', () => {
  it('is live inside hours with someone online, and says how fast the team typically replies', () => {
    expect(decideAvailability(withBasis('scheduleAndPresence'), 1, mondayNoon)).toMatchObject({
      mode: 'chat',
      open: true,
      chatReplyMinutes: 5,
      replyBy: null,
      nextOpenAt: null,
      changesAt: '2026-11-30T16:00:00.000Z',
    });
  });

  it('inside hours with nobody online shows the owner\'s choice for that case, with a promise', () => {
    const form = decideAvailability(withBasis('scheduleAndPresence'), 0, mondayNoon);
    // 120 working minutes from Monday 12:00 → 14:00 Prague.
    expect(form).toMatchObject({ mode: 'form', replyBy: '2026-11-30T13:00:00.000Z', chatReplyMinutes: null });
    expect(decideAvailability(withBasis('scheduleAndPresence', 'form', 'hide'), 0, mondayNoon).mode).toBe('hidden');
  });

  it('outside hours shows the owner\'s choice for that case, even with someone online, and when it opens next', () => {
    const night = decideAvailability(withBasis('scheduleAndPresence', 'hide', 'form'), 2, mondayNight);
    expect(night).toMatchObject({ mode: 'hidden', open: false, nextOpenAt: '2026-12-01T08:00:00.000Z', changesAt: '2026-12-01T08:00:00.000Z' });
    // A message left Monday 21:00 is answered within 120 working minutes: Tuesday 11:00 Prague.
    expect(decideAvailability(withBasis('scheduleAndPresence'), 0, mondayNight).replyBy).toBe('2026-12-01T10:00:00.000Z');
  });

  it('"schedule only" is live in hours whoever is online; "presence only" whenever someone is', () => {
    expect(decideAvailability(withBasis('scheduleOnly'), 0, mondayNoon).mode).toBe('chat');
    expect(decideAvailability(withBasis('scheduleOnly'), 3, mondayNight).mode).toBe('form');
    expect(decideAvailability(withBasis('presenceOnly'), 1, mondayNight)).toMatchObject({ mode: 'chat', changesAt: null });
    expect(decideAvailability(withBasis('presenceOnly', 'hide', 'form'), 0, mondayNight).mode).toBe('form');
  });

  it('states each channel as open now or when it opens, by its own hours', () => {
    const demo = demoSettings('Jana');
    expect(SiteSettings.safeParse(demo).success).toBe(true);
    const [phone, email] = decideAvailability(demo, 0, mondayNight).channels;
    expect(phone).toMatchObject({ open: false, nextOpenAt: '2026-12-01T08:00:00.000Z', closesAt: null });
    expect(email).toMatchObject({ open: true, nextOpenAt: null, closesAt: null, replyTarget: 'within 8 hours' });
  });
});
