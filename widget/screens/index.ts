export { Chat } from './Chat.tsx';
export type { FormRetry } from './Chat.tsx';
export type { ChatProps } from './Chat.tsx';
export { LeaveMessage } from './LeaveMessage.tsx';
export type { LeaveMessageProps } from './LeaveMessage.tsx';
