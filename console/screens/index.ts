export { Conversation } from './Conversation.tsx';
export { Inbox } from './Inbox.tsx';
export { Login } from './Login.tsx';
