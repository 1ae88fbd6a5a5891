// The run browser (the Runs tab): the run and suite folders under the server's runs
// directory (GET /api/runs), newest first, with task, result and date; a suite opens to its
// episodes. Open sends `open-listed` with the folder's path in the runs directory. And the
// deep link `/?run=<path>&attempt=k&checkpoint=n` (what report.html's failed episodes link
// to) opens that run once the page is connected and shows attempt k at checkpoint n.

import type { ClientMessage, ServerMessage } from '../protocol.ts';
import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';

interface ListedEpisode {
  path: string;
  task: string;
  seed: number | null;
  success: boolean | null;
  attempt: number | null;
  checkpoint: number | null;
}
interface ListedRun {
  path: string;
  kind: 'run' | 'suite';
  task: string;
  result: string;
  date: string;
  episodes?: ListedEpisode[];
  report?: boolean;
}

const shortDate = (iso: string): string => iso.replace('T', ' ').slice(0, 19);

export class RunBrowser {
  private readonly list = byId('runs');
  private readonly note = byId('runs-note');
  /** How many listings have been drawn (the e2e test waits on it). */
  loaded = 0;

  private readonly send: (m: ClientMessage) => void;
  constructor(send: (m: ClientMessage) => void) {
    this.send = send;
    byId('runs-refresh').addEventListener('click', () => void this.refresh());
    document.querySelector('[data-tab=runs]')?.addEventListener('click', () => void this.refresh());
    this.list.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLButtonElement>('button[data-path]');
      if (!b?.dataset.path) return;
      this.send({ type: 'open-listed', path: b.dataset.path });
    });
  }

  async refresh(): Promise<void> {
    this.note.textContent = 'reading the runs directory…';
    let runs: ListedRun[];
    try {
      const res = await fetch('/api/runs', { cache: 'no-store' });
      if (!res.ok) throw new Error(`${res.status} ${res.statusText}`);
      runs = ((await res.json()) as { runs: ListedRun[] }).runs;
    } catch (err) {
      this.note.textContent = `cannot list the runs: ${(err as Error).message}`;
      return;
    }
    this.note.textContent =
      runs.length === 0 ? 'no run or suite folders in the runs directory yet' : `${runs.length} folder(s), newest first`;
    this.list.replaceChildren(...runs.map((r) => this.row(r)));
    this.loaded++;
  }

  private open(path: string, label = 'Open'): HTMLButtonElement {
    const b = el('button', { text: label, title: `open ${path} in the viewer` });
    b.type = 'button';
    b.dataset.path = path;
    return b;
  }

  private row(r: ListedRun): HTMLElement {
    const cls = r.result === 'solved' ? 'ok' : r.result === 'not solved' ? 'bad' : '';
    const head = el(
      'div',
      { class: 'run-head' },
      el('span', { class: 'run-date', text: shortDate(r.date) }),
      el('span', { class: 'run-kind', text: r.kind }),
      el('span', { class: 'run-task', text: r.task, title: r.path }),
      el('span', { class: `run-result ${cls}`, text: r.result }),
    );
    if (r.kind === 'run') {
      head.append(this.open(r.path));
      return el('li', { class: 'run', data: { path: r.path } }, head);
    }
    const episodes = el(
      'ol',
      { class: 'run-episodes' },
      ...(r.episodes ?? []).map((e) =>
        el(
          'li',
          { data: { path: e.path } },
          el('span', { class: `run-result ${e.success ? 'ok' : 'bad'}`, text: e.success ? '✓' : '✗' }),
          ` ${e.task}${e.seed !== null ? ` · seed ${e.seed}` : ''} `,
          this.open(e.path),
        ),
      ),
    );
    const body = el('details', {}, el('summary', {}, head), episodes);
    if (r.report) {
      const a = el('a', { text: 'report.html' });
      a.href = `/runs/${r.path.split('/').map(encodeURIComponent).join('/')}/report.html`;
      a.target = '_blank';
      body.append(a);
    }
    return el('li', { class: 'run suite', data: { path: r.path } }, body);
  }
}

/** `/?run=<path>&attempt=k&checkpoint=n`: opens the run when connected, then shows attempt k at checkpoint n. */
export class DeepLink {
  private readonly run: string | null;
  private readonly attempt: number | null;
  private readonly checkpoint: number | null;
  private sent = false;
  private done = false;
  /** The server's catch-up (hello, the session on screen, its status last) is over. */
  private caughtUp = false;
  /** The run asked for has arrived (a session after the catch-up). */
  private arrived = false;
  /** Its replay has been sent whole: the hub's status follows the run's messages (a frame may run between two messages). */
  private loaded = false;

  private readonly store: SessionStore;
  private readonly send: (m: ClientMessage) => void;
  constructor(store: SessionStore, send: (m: ClientMessage) => void, search: string = location.search) {
    this.store = store;
    this.send = send;
    const q = new URLSearchParams(search);
    const int = (k: string): number | null => {
      const v = q.get(k);
      return v !== null && /^\d+$/.test(v) ? Number(v) : null;
    };
    this.run = q.get('run');
    this.attempt = int('attempt');
    this.checkpoint = int('checkpoint');
  }

  /** Whether the page was opened on a run (the task preview then waits). */
  get pending(): boolean {
    return this.run !== null && !this.done;
  }

  receive(m: ServerMessage): void {
    if (m.type === 'hello' && this.run && !this.sent) {
      this.sent = true;
      this.send({ type: 'open-listed', path: this.run });
    } else if (m.type === 'status' && this.arrived) this.loaded = true;
    else if (m.type === 'status' && this.sent) this.caughtUp = true;
    else if (m.type === 'session' && this.caughtUp) this.arrived = true;
    else if (m.type === 'error' && this.sent && !this.arrived) this.done = true;
  }

  /** Once a frame: after the run has loaded, shows the attempt and checkpoint the link names. */
  update(): void {
    if (!this.loaded || this.done) return;
    const info = this.store.info;
    if (info?.source !== 'run' || this.store.status.status !== 'finished') return;
    this.done = true;
    const k = this.attempt ?? this.store.attempts.length - 1;
    const a = this.store.attempts[k];
    if (!a) return;
    this.store.select(k);
    const cp = this.checkpoint !== null ? a.checkpoints.find((c) => c.index === this.checkpoint) : undefined;
    if (cp) this.store.seek(cp.t);
  }
}
