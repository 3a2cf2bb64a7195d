export { createInbox, type ActionResult, type ConnectionState, type DetailsState, type Inbox, type InboxDeps, type LoadState } from './inbox.ts';
export { createSessionStore, validateLoginForm, type LoginForm, type SessionState, type SessionStore } from './session.ts';
export {
  conversationHref,
  embedHref,
  inboxHref,
  parseRoute,
  savedRepliesHref,
  scheduleHref,
  sentMailHref,
  settingsHref,
  teamHref,
  type Route,
  type SiteScreenName,
} from './route.ts';
export { totalUnread } from './conversation-list.ts';
export { outboxKey, type PendingMessage, type StoredReply } from './outbox.ts';
export { createMemoryStorage, openStorage } from '../../shared/browser/safe-storage.ts';
export type { ThreadEntry } from './thread.ts';
export type { Typist } from './typing.ts';
export { ACTIVITY_REPORT_INTERVAL_MS, createPresence, type Presence, type PresenceDeps } from './presence.ts';
export { displayedStatus, type ChosenStatus, type PresenceState } from './presence-state.ts';
export { openPromise, type OpenPromise } from './reply-by.ts';
export {
  countdownOf,
  deadlineOf,
  groupConversations,
  INBOX_GROUPS,
  isFollowUpDue,
  type Countdown,
  type Deadline,
  type GroupedInbox,
  type InboxFilter,
  type InboxGroup,
} from './inbox-groups.ts';
export type { TimelineEntry } from './timeline.ts';
export { createReminders, dueReminders, REMINDER_LEAD_MS, type Reminder, type Reminders } from './reminders.ts';
export type { IncomingAlert } from './incoming-alert.ts';
export { FOLLOW_UP_DAYS, followUpAt, fromLocalInputValue, promiseChoices, toLocalInputValue, type TimeChoice } from './time-choices.ts';
export { placeServerError, type FieldErrors, type FormCheck } from './form-errors.ts';
export { checkOperatorForm, emptyOperatorForm, type OperatorField, type OperatorForm } from './operator-form.ts';
export { createTeam, type AddOperatorResult, type Team } from './team.ts';
export {
  checkSavedReplyForm,
  emptySavedReplyForm,
  normalizeShortcut,
  toSavedReplyForm,
  type SavedReplyField,
  type SavedReplyForm,
} from './saved-reply-form.ts';
export { createSavedReplyList, type SavedReplyList, type SaveReplyResult } from './saved-reply-list.ts';
export { createNotifier, MUTED_KEY, type AlertContent, type NotifierDeps, type NotifierWindow } from './notifier.ts';
export { createSavedReplies, type SavedReplies } from './saved-replies.ts';
export { fillPlaceholders, matchSavedReplies, MAX_SUGGESTIONS, savedReplyTrigger, type PlaceholderValues } from './placeholders.ts';
export { highlightMatches, type TextSegment } from './highlight.ts';
export {
  addDays,
  addException,
  addInterval,
  copyMondayToWeekdays,
  mondayOf,
  removeInterval,
  setExceptionClosed,
  setExceptionNote,
  setKeptOpen,
  updateInterval,
  updateIntervalIn,
  weekdayOf,
  WEEKDAYS,
  type ExceptionValue,
  type HolidayValue,
  type IntervalValue,
  type ScheduleValue,
  type Weekday,
  type WeeklyHoursValue,
} from './schedule-edit.ts';
export { blockPosition, weekLayout, type DayMarkKind, type HolidayOnDate, type WeekBlock, type WeekDay, type WeekLayout } from './schedule-week.ts';
export { fieldIdOf, placeIssues, type PlacedIssues, type SettingsIssue } from './schedule-issues.ts';
export { PREVIEW_LANGUAGES, previewUrl, type PreviewControls, type PreviewLanguage } from './schedule-preview.ts';
export { instantIn, isKnownZone, localPartsIn } from './zoned-time.ts';
export { embedSnippet, QUEUE_STUB } from './embed-snippet.ts';
export { checkScheduleDraft, intervalProblems } from './schedule-check.ts';
export { createSettingsDocument, type SaveState, type SettingsDocument } from './settings-document.ts';
export {
  isSameValue,
  moveItem,
  NEW_CHANNEL,
  parseWholeNumber,
  placeSettingsIssues,
  removeItem,
  renderedFieldIds,
  replaceItem,
  settingsFieldId,
  targetMinutes,
  textOrNull,
  VISITOR_LANGUAGES,
  withAcknowledgement,
  withChannelHours,
  withTargetKind,
  withTargetMinutes,
} from './settings-form.ts';
export { formatRatio, isHexColour, MIN_TEXT_CONTRAST, whiteTextContrast } from './settings-contrast.ts';
export { checkTokenName, createApiTokens, createIdentitySecret, type ApiTokens, type CreateTokenResult, type IdentitySecret } from './settings-secrets.ts';
export { addSite, checkSiteName, ownedSites, renameSite, type AddSiteResult } from './settings-sites.ts';
export { createLeaveGuard, type LeaveGuard } from './leave-guard.ts';
export { appendOlder, createSentMail, failedMails, loadFailedMails, MAIL_KINDS, mailKindName, type ConversationMailState, type MailKind, type OpenMail, type SentMail } from './sent-mail.ts';
