export { Chat } from './Chat.tsx';
export type { ChatProps } from './Chat.tsx';
