// The `ws` package behind the hand-written types of nodeWs.d.ts. A web test importing `ws`
// directly would pull Node's types into the renderer's type check (`ws`'s types need them).
export { WebSocket as NodeWebSocket, WebSocketServer as NodeWebSocketServer } from 'ws';
