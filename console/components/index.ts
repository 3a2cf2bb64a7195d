export { Composer } from './Composer.tsx';
export { ConfirmDialog } from './ConfirmDialog.tsx';
export { ConnectionBanner } from './ConnectionBanner.tsx';
export { ConversationList } from './ConversationList.tsx';
export { Thread } from './Thread.tsx';
export { UiContext, useUi, type UiEnvironment } from './ui-context.ts';
export { PresenceSwitch } from './PresenceSwitch.tsx';
export { ReplyBy } from './ReplyBy.tsx';
export { TeamPresence } from './TeamPresence.tsx';
