export { createApiClient, type ApiClient, type NewOperator } from './api-client.ts';
export type { ClientError, ClientResult } from './client-error.ts';
export {
  createOperatorSocket,
  type AckedEvent,
  type EventPayload,
  type OperatorSocket,
  type SocketStatus,
} from './operator-socket.ts';
