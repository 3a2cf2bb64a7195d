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
}
