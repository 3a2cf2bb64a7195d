export { Conversation } from './Conversation.tsx';
export { Inbox, type Notifier } from './Inbox.tsx';
export { Login } from './Login.tsx';
export { SavedReplies } from './SavedReplies.tsx';
export { Team } from './Team.tsx';
