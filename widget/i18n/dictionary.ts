/**
 * The shape every language file fills in. A plural entry holds one string per Intl.PluralRules category the
 * language uses (`other` always); `{count}` is replaced by the formatted number, `{name}`/`{body}`/`{limit}`
 * by the given values. The i18n test fails when a language misses a key or a plural category.
 */
export interface Plural {
  zero?: string;
  one?: string;
  two?: string;
  few?: string;
  many?: string;
  other: string;
}

export interface Dictionary {
  /** Accessible name of the launcher button and the dialog's title. */
  title: string;
  /** Appended to the launcher's name when there are unread messages from the team. */
  unread: Plural;
  intro: string;
  close: string;
  messagesLabel: string;
  messageLabel: string;
  placeholder: string;
  send: string;
  sending: string;
  sent: string;
  seen: string;
  you: string;
  team: string;
  /** `{name}` is the operator's name. */
  typing: string;
  typingAnonymous: string;
  connecting: string;
  reconnecting: string;
  outdated: string;
  reload: string;
  charactersLeft: Plural;
  tooLongBy: Plural;
  /** `{name}` and `{body}`: read out by screen readers when the team writes. */
  newMessage: string;
  errorTooLong: string;
  errorEmpty: string;
  errorGeneric: string;
  /** Launcher name, dialog title and form heading when nobody can chat (form mode). */
  away: string;
  typicallyFew: string;
  /** `{in}` is Intl.RelativeTimeFormat ("in 10 minutes") from the owner's usual reply time. */
  typically: string;
  formIntro: string;
  /** The form's promise; `{time}` is formatted by Intl in the visitor's zone (Today/Tomorrow: the time; Later: weekday or date and time). */
  replyToday: string;
  replyTomorrow: string;
  replyLater: string;
  /** When the server gives no reply deadline. */
  replySoon: string;
  /** When the live chat next opens (same `{time}` rules as replyToday). */
  chatToday: string;
  chatTomorrow: string;
  chatLater: string;
  channelsLabel: string;
  openNow: string;
  /** A closed channel's next opening (same `{time}` rules). */
  opensToday: string;
  opensTomorrow: string;
  opensLater: string;
  closed: string;
  nameLabel: string;
  emailLabel: string;
  sendForm: string;
  errorBody: string;
  errorEmail: string;
  errorName: string;
  /** Marks the team's automatic messages (author "system"), e.g. the form's acknowledgement. */
  automatic: string;
  /** Heading of the owner's frequent questions that match what the visitor is typing. */
  selfHelp: string;
  /**
   * The state of the visitor's question, above the composer: `{name}` is the operator who promised an update,
   * `{time}` follows the replyToday rules (Today/Tomorrow: the time; Later: weekday or date and time).
   */
  updateToday: string;
  updateTomorrow: string;
  updateLater: string;
  /** The promised time has passed without the update: said plainly, with an apology. */
  updateLate: string;
  /** The rating prompt after a resolve: its question, which also names the region. */
  rateQuestion: string;
  /** The two answers (the buttons' names; an emoji is shown beside them, hidden from screen readers). */
  rateGood: string;
  rateBad: string;
  /** Label of the optional comment field. */
  rateComment: string;
  rateSkip: string;
  rateThanks: string;
  rateFailed: string;
  rateRetry: string;
  /** Accessible name of the prompt's close (×) button. */
  rateDismiss: string;
  /** Under the disabled send button in the owner's preview (the console shows what a visitor would see). */
  previewNote: string;
  /** The site requires a verified identity and the page gave none or a wrong one (identity_required / identity_invalid). */
  signIn: string;
  /** A continue link from an e-mail that is altered or unknown. */
  linkInvalid: string;
  linkExpired: string;
  linkUsed: string;
  /** The server could not be reached to open the link. */
  linkNetwork: string;
  /** Button: mail a new continue link to the address the visitor gave. */
  linkRenew: string;
  linkRenewed: string;
  linkRenewFailed: string;
}
