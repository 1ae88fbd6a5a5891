// The chat panel. For now it shows the loop's own messages — generation, diagnosis,
// repair, results; correction sessions will add the user's side here.

import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';

const WHO: Record<string, string> = {
  generation: 'programmer',
  repair: 'programmer',
  diagnosis: 'monitor · diagnosis',
  result: 'loop',
  info: 'viewer',
  warning: 'warning',
  error: 'error',
};

export class ChatPanel {
  private readonly list = byId('chat');
  private shown = 0;
  private session = -1;

  private readonly store: SessionStore;
  constructor(store: SessionStore) {
    this.store = store;
  }

  update(): void {
    const s = this.store;
    if (s.rev.session !== this.session) {
      this.session = s.rev.session;
      this.shown = 0;
      this.list.replaceChildren();
    }
    if (this.shown >= s.chat.length) return;
    for (let i = this.shown; i < s.chat.length; i++) {
      const item = s.chat[i]!;
      this.list.append(
        el(
          'li',
          { class: `${item.kind}${item.ok ? ' ok' : ''}` },
          el('span', { class: 'who', text: `${WHO[item.kind] ?? item.role}${item.attempt !== null ? ` · attempt ${item.attempt}` : ''}` }),
          item.text,
        ),
      );
    }
    this.shown = s.chat.length;
    this.list.lastElementChild?.scrollIntoView({ block: 'nearest' });
  }
}
