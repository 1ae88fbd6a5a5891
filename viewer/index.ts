// viewer/: the live 3D viewer — HTTP + WebSocket server and the browser app.
// The public surface; other folders import only from here.

export { startViewer, isLoopback, DEFAULT_MAX_CLIENTS } from './viewer-server.ts';
export type { ViewerOptions, ViewerServer } from './viewer-server.ts';
export { SessionHub, MAX_BUFFERED_BYTES, SESSIONS_KEPT } from './session-hub.ts';
export { readViewerTask, TaskReadError, MAX_TASK_FILE_BYTES } from './task-reader.ts';
export type { ClientSocket, HubOptions } from './session-hub.ts';
export { readRun, RunReadError, SCENE_FILE, FRAMES_FILE, MAX_RECORD_FILE_BYTES } from './run-reader.ts';
export {
  ClientMessageSchema,
  ServerMessageSchema,
  parseClientMessage,
  PROTOCOL_VERSION,
  MAX_CLIENT_MESSAGE_BYTES,
  SPEEDS,
} from './protocol.ts';
export type { ClientMessage, ServerMessage, Speed, StartRequest, SessionInfo, Frame } from './protocol.ts';
