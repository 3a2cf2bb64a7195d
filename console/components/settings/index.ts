export { LookSection } from './LookSection.tsx';
export { MailSection } from './MailSection.tsx';
export { AcknowledgementSection, BehaviourSection, ReplyTargetsSection } from './BehaviourSection.tsx';
export { ChannelsSection, FaqSection, OriginsSection } from './ListSections.tsx';
export { ApiTokensSection, IdentitySecretSection, SitesSection } from './ImmediateSections.tsx';
export { OneTimeSecret } from './OneTimeSecret.tsx';
export { SettingsField, ChoiceField, ListError, type FieldMessages } from './SettingsField.tsx';
