// The page's one WebSocket to the viewer server, reconnecting after a drop (the server
// drops tabs that fall behind; on reconnect it replays the session from its log).

import type { ClientMessage, ServerMessage } from '../protocol.ts';

export interface ConnectionEvents {
  message(m: ServerMessage): void;
  state(online: boolean): void;
}

export class Connection {
  private ws: WebSocket | null = null;
  private retryMs = 500;

  private readonly events: ConnectionEvents;
  constructor(events: ConnectionEvents) {
    this.events = events;
    this.open();
  }

  private url(): string {
    const scheme = location.protocol === 'https:' ? 'wss' : 'ws';
    // The query keeps the access token, when the server needs one.
    return `${scheme}://${location.host}/ws${location.search}`;
  }

  private open(): void {
    const ws = new WebSocket(this.url());
    this.ws = ws;
    ws.onopen = () => {
      this.retryMs = 500;
      this.events.state(true);
    };
    ws.onmessage = (e) => {
      if (typeof e.data !== 'string') return;
      this.events.message(JSON.parse(e.data) as ServerMessage);
    };
    ws.onclose = () => {
      if (this.ws !== ws) return;
      this.ws = null;
      this.events.state(false);
      setTimeout(() => this.open(), this.retryMs);
      this.retryMs = Math.min(this.retryMs * 2, 8000);
    };
  }

  send(m: ClientMessage): void {
    this.sendRaw(JSON.stringify(m));
  }

  /** Sends text as it is (the tests use it to send malformed messages). */
  sendRaw(text: string): void {
    if (this.ws?.readyState === WebSocket.OPEN) this.ws.send(text);
  }
}
