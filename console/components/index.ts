export { Composer } from './Composer.tsx';
export { ConnectionBanner } from './ConnectionBanner.tsx';
export { ConversationList } from './ConversationList.tsx';
export { Thread } from './Thread.tsx';
export { UiContext, useUi, type UiEnvironment } from './ui-context.ts';
