export { Channels, NextOnline, ReplyTime, channelHref } from './AvailabilityNotes.tsx';
export { Composer } from './Composer.tsx';
export { ConnectionNotice } from './ConnectionNotice.tsx';
export { MessageItem } from './MessageItem.tsx';
export { MessageList } from './MessageList.tsx';
export { TypingIndicator } from './TypingIndicator.tsx';
export { SelfHelp } from './SelfHelp.tsx';
export type { SelfHelpSource } from './SelfHelp.tsx';
