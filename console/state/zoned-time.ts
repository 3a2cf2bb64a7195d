/**
 * Wall times in a named IANA zone without a date library: Intl knows every zone's offsets, which is all the
 * preview controls need ("24 Dec 09:30 in Europe/Prague" ⇄ an instant).
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/** True when Intl knows the zone. */
export function isKnownZone(zone: string): boolean {
  try {
    formatterFor(zone);
    return true;
  } catch {
    return false;
  }
}

function wallClock(instant: number, zone: string): number {
  const parts = Object.fromEntries(formatterFor(zone).formatToParts(new Date(instant)).map((p) => [p.type, p.value]));
  return Date.UTC(Number(parts.year), Number(parts.month) - 1, Number(parts.day), Number(parts.hour) % 24, Number(parts.minute), Number(parts.second));
}

/** The local date ("YYYY-MM-DD") and time ("HH:MM") of an instant in a zone. */
export function localPartsIn(instant: Date, zone: string): { date: string; time: string } {
  const iso = new Date(wallClock(instant.getTime(), zone)).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
}

/**
 * The instant at which the wall clock in `zone` shows `date` `time`; null for malformed input. A time in the
 * spring-forward gap is read with the offset before the gap (02:30 in Prague on 29 March → 03:30 CEST, as
 * JavaScript's own Date does); an ambiguous autumn time, its first occurrence.
 */
export function instantIn(date: string, time: string, zone: string): Date | null {
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const t = /^(\d{2}):(\d{2})$/.exec(time);
  if (!d || !t || !isKnownZone(zone)) return null;
  const wanted = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (Number.isNaN(wanted)) return null;
  // Two candidates, from the offsets just before and after; the earlier one that shows the wanted time wins.
  const offsetBefore = wallClock(wanted - 86_400_000, zone) - (wanted - 86_400_000);
  const offsetAfter = wallClock(wanted + 86_400_000, zone) - (wanted + 86_400_000);
  const candidates = [wanted - offsetBefore, wanted - offsetAfter].sort((a, b) => a - b);
  for (const candidate of candidates) if (wallClock(candidate, zone) === wanted) return new Date(candidate);
  // In a gap no instant shows it: read it with the offset from before the gap.
  return new Date(Math.max(...candidates));
}
