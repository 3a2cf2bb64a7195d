/** The schedule engine: when a site is open, when it next opens, and by when a message will be answered. */
export {
  TimeOfDay,
  Interval,
  WeeklyHours,
  WEEKDAYS,
  type Weekday,
  LocalDate,
  DateException,
  HolidaySettings,
  Schedule,
  ReplyTarget,
  MAX_TARGET_MINUTES,
  DEFAULT_SCHEDULE,
  describeIssues,
  isLocalDate,
} from './schema.ts';
export {
  publicHolidays,
  isClosedHoliday,
  upcomingHolidays,
  listCountries,
  listRegions,
  isKnownCountry,
  isKnownRegion,
  type PublicHoliday,
} from './holidays.ts';
export {
  isOpenAt,
  nextOpening,
  nextClosing,
  openIntervalsBetween,
  replyDeadline,
  HORIZON_DAYS,
  type OpenInterval,
} from './engine.ts';
