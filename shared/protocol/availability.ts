import { z } from 'zod';
import { Timestamp } from './schemas.ts';

/**
 * What a visitor's widget shows: live `chat`, a message `form`, or nothing at all (`hidden`). The server
 * decides from the site's schedule, its operators' presence and the owner's choices; clients only render it.
 */
export const WidgetMode = z.enum(['chat', 'form', 'hidden']);
export type WidgetMode = z.infer<typeof WidgetMode>;

export const ChannelKind = z.enum(['phone', 'email', 'whatsapp', 'social', 'other']);
export type ChannelKind = z.infer<typeof ChannelKind>;

/** One of the owner's other ways to be reached, as a visitor sees it now. */
export const ChannelStatus = z.object({
  kind: ChannelKind,
  /** What the owner calls it: "Phone", "Facebook", … */
  label: z.string(),
  /** The number, address or URL, shown and linked as the kind suggests. */
  value: z.string(),
  /** Inside this channel's own hours at the evaluated instant. */
  open: z.boolean(),
  /** When it next opens, if it is closed now and opens again; null otherwise. */
  nextOpenAt: Timestamp.nullable(),
  /** When it next closes, if it is open now; null when always open. */
  closesAt: Timestamp.nullable(),
  /** The owner's reply promise for this channel in plain words ("within 8 hours"), if any. */
  replyTarget: z.string().nullable(),
});
export type ChannelStatus = z.infer<typeof ChannelStatus>;

/** `GET /api/v1/sites/:siteKey/availability` and the `availability:changed` event. */
export const Availability = z.object({
  mode: WidgetMode,
  /** Inside the chat's open hours at the evaluated instant. */
  open: z.boolean(),
  /** Operators of the site who are online and not away. */
  operatorsOnline: z.int().min(0),
  /** The next moment the chat's hours begin, when closed now; null when open or never opening again. */
  nextOpenAt: Timestamp.nullable(),
  /** When a message left now will be answered at the latest, by the form's reply target; null when unknown. */
  replyBy: Timestamp.nullable(),
  /** While live: the owner's usual reply time in minutes ("typically replies in a few minutes"). */
  chatReplyMinutes: z.int().min(0).nullable(),
  /** Who answers, as the visitor should read it: the team's or the owner's name. */
  teamName: z.string(),
  channels: z.array(ChannelStatus),
  /** The site's default language: the widget's last choice, after setLocale, the page's lang and the browser's. */
  language: z.enum(['en', 'cs', 'sk', 'pl', 'hr', 'de']),
  /** How the widget looks (the site's settings `look`); the loader paints the launcher with it. */
  look: z.object({
    accentColor: z.string(),
    position: z.enum(['right', 'left']),
    launcherLabel: z.string().nullable(),
    greeting: z.string().nullable(),
    avatarInitials: z.string().nullable(),
  }),
  /**
   * The next instant at which the schedule alone changes `open` (hours begin or end); null when it never does.
   * A widget that cannot reach the server trusts a cached answer until then, and shows the form after it.
   */
  changesAt: Timestamp.nullable(),
  /** The instant this was evaluated at. */
  at: Timestamp,
});
export type Availability = z.infer<typeof Availability>;
