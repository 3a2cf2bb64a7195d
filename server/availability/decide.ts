import type { Availability, ChannelStatus, SiteSettings } from '../../shared/index.ts';
import { isOpenAt, nextClosing, nextOpening, replyDeadline, type Schedule } from '../../shared/schedule/index.ts';

const iso = (date: Date | null) => (date === null ? null : date.toISOString());

/**
 * Promises are stated to the minute ("by 16:40"), so the deadline is rounded up to a whole minute: never earlier
 * than computed, and still inside the open interval, whose ends are whole minutes.
 */
const toMinuteAfter = (date: Date | null) => (date === null ? null : new Date(Math.ceil(date.getTime() / 60_000) * 60_000));

/**
 * What a site's widget shows at `at`, from its settings and how many of its operators are online.
 * Pure: the instant and the presence count are inputs.
 *
 * - live when the owner's basis says so: open hours and someone online (default), hours alone, or presence alone;
 * - otherwise `outsideHours` applies when the schedule is closed (unless the basis ignores the schedule),
 *   `nobodyOnline` when it is open but nobody is there;
 * - `replyBy` is the form's promise for a message left now; `changesAt` the next time the hours alone flip.
 */
export function decideAvailability(settings: SiteSettings, operatorsOnline: number, at: Date): Availability {
  const { schedule, availability, replyTargets } = settings;
  const open = isOpenAt(schedule, at);
  const staffed = operatorsOnline > 0;
  const usesSchedule = availability.basis !== 'presenceOnly';
  const live =
    availability.basis === 'scheduleOnly' ? open : availability.basis === 'presenceOnly' ? staffed : open && staffed;
  const choice = usesSchedule && !open ? availability.outsideHours : availability.nobodyOnline;
  const mode = live ? 'chat' : choice === 'hide' ? 'hidden' : 'form';
  return {
    mode,
    open,
    operatorsOnline,
    nextOpenAt: open ? null : iso(nextOpening(schedule, at)),
    replyBy: mode === 'chat' ? null : iso(toMinuteAfter(replyDeadline(schedule, at, replyTargets.form))),
    chatReplyMinutes: mode === 'chat' ? replyTargets.chatMinutes : null,
    teamName: settings.teamName,
    look: settings.look,
    language: settings.defaultLanguage,
    channels: settings.channels.map((channel): ChannelStatus => {
      // A channel's hours use the site's zone, holidays and dated exceptions; null hours mean always open.
      const hours: Schedule | null = channel.hours === null ? null : { ...schedule, weekly: channel.hours };
      const channelOpen = hours === null || isOpenAt(hours, at);
      return {
        kind: channel.kind,
        label: channel.label,
        value: channel.value,
        open: channelOpen,
        nextOpenAt: hours === null || channelOpen ? null : iso(nextOpening(hours, at)),
        closesAt: hours === null || !channelOpen ? null : iso(nextClosing(hours, at)),
        replyTarget: channel.replyTarget,
      };
    }),
    changesAt: usesSchedule ? iso(open ? nextClosing(schedule, at) : nextOpening(schedule, at)) : null,
    at: at.toISOString(),
  };
}
