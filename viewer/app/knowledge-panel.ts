// The knowledge tab (docs/knowledge.md): for the episode shown, the knowledge base it used,
// the entries retrieved for it — kind, text, score, the objects of this scene each applied
// to, and whether the programmer applied it (from its draft notes) — and what the episode
// taught. Any entry opens in a dialog with its full content and sources, read from the
// server (GET /api/knowledge/<id>?session=N); a source whose session folder is a record
// opens that record in the viewer.

import type { ClientMessage, KnowledgeEntryView } from '../protocol.ts';
import { byId, el, shortValue } from './dom.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

/** What the programmer said about an entry in its notes. */
export interface AppliedNote {
  applied: boolean;
  detail: string;
  attempt: number;
}

const NOTE = /^knowledge k(\d+) (applied|not applied): (.*)$/;

/**
 * For each entry id, the first thing the drafts said about it (`knowledge k3 applied: …` /
 * `… not applied: …`), with the entry's text left off the end (the panel shows it).
 */
export function appliedNotes(attempts: readonly AttemptView[], texts: ReadonlyMap<number, string>): Map<number, AppliedNote> {
  const out = new Map<number, AppliedNote>();
  for (const a of attempts) {
    if (!a) continue;
    for (const n of a.notes) {
      const m = NOTE.exec(n);
      if (!m) continue;
      const id = Number(m[1]);
      if (out.has(id)) continue;
      let detail = m[3]!;
      const text = texts.get(id);
      if (text && detail.endsWith(` (${text})`)) detail = detail.slice(0, -(text.length + 3));
      out.set(id, { applied: m[2] === 'applied', detail, attempt: a.index });
    }
  }
  return out;
}

function dateText(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toISOString().replace('T', ' ').slice(0, 16) + ' UTC';
}

function metres(v: number | null): string {
  return v === null ? '…' : `${(v * 100).toFixed(1)} cm`;
}

export class KnowledgePanel {
  private readonly body = byId('knowledge');
  private readonly count = byId('knowledge-count');
  private readonly dialog = byId<HTMLDialogElement>('knowledge-dialog');
  private readonly dialogBody = byId('knowledge-dialog-body');
  private readonly seen = { knowledge: -1, session: -1, hello: -1 };
  /** The entry the dialog shows (ignores late answers for another). */
  private showing: { session: number | null; id: number } | null = null;

  private readonly store: SessionStore;
  private readonly send: (m: ClientMessage) => void;
  constructor(store: SessionStore, send: (m: ClientMessage) => void) {
    this.store = store;
    this.send = send;
    this.body.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('[data-entry]');
      if (b?.dataset.entry) void this.open(Number(b.dataset.entry));
    });
    this.dialogBody.addEventListener('click', (e) => {
      const b = (e.target as HTMLElement).closest<HTMLElement>('[data-dir]');
      if (!b?.dataset.dir) return;
      this.send({ type: 'open-run', dir: b.dataset.dir });
      this.close();
    });
    byId('knowledge-close').addEventListener('click', () => this.close());
    this.dialog.addEventListener('close', () => {
      this.showing = null;
    });
  }

  update(): void {
    const s = this.store;
    if (s.rev.knowledge === this.seen.knowledge && s.rev.session === this.seen.session && s.rev.hello === this.seen.hello) return;
    this.seen.knowledge = s.rev.knowledge;
    this.seen.session = s.rev.session;
    this.seen.hello = s.rev.hello;
    this.render();
  }

  private render(): void {
    const s = this.store;
    const parts: HTMLElement[] = [];
    const k = s.knowledge;
    const own = s.hello?.knowledge ?? null;
    this.count.textContent = k?.knowledge ? `(${k.knowledge.retrieved.length})` : '';
    if (!s.info) {
      parts.push(
        el('p', {
          class: 'kb-note',
          text: own
            ? `Live episodes retrieve from ${own.file}${own.learn ? ' and learn into it' : ' (read only)'}.`
            : 'Knowledge base off for live episodes (view --no-kb).',
        }),
      );
    } else if (!k) {
      parts.push(
        el('p', {
          class: 'kb-note',
          text:
            s.info.source === 'live'
              ? 'Retrieving knowledge for this episode…'
              : 'This record has no episode.json: what it retrieved is unknown.',
        }),
      );
    } else if (!k.knowledge) {
      parts.push(el('p', { class: 'kb-off', text: 'knowledge base off: this episode ran without one' }));
    } else {
      const use = k.knowledge;
      parts.push(
        el(
          'p',
          { class: 'kb-file' },
          'Knowledge base ',
          el('code', { text: use.file, title: use.file }),
          ` · appearance from ${use.appearance === 'render' ? 'the rendered views' : use.appearance === 'facts' ? 'the scene facts' : 'nothing'}`,
        ),
      );
      if (use.warning) parts.push(el('p', { class: 'kb-warning', text: use.warning }));
      parts.push(el('h3', { text: `Retrieved for this episode (${use.retrieved.length})` }));
      if (use.retrieved.length === 0) {
        parts.push(el('p', { class: 'kb-note', text: 'nothing retrieved' }));
      } else {
        const notes = appliedNotes(s.attempts, new Map(use.retrieved.map((r) => [r.id, r.text])));
        parts.push(
          el(
            'ol',
            { class: 'kb-list' },
            ...use.retrieved.map((r) => {
              const note = notes.get(r.id);
              const status = note
                ? el('div', {
                    class: `kb-applied ${note.applied ? 'ok' : 'bad'}`,
                    text: `${note.applied ? '✓ applied' : '✗ not applied'} (attempt ${note.attempt}): ${note.detail}`,
                  })
                : el('div', {
                    class: 'kb-applied unknown',
                    text:
                      s.attempts.length === 0
                        ? 'given to the programmer'
                        : 'given to the programmer; its notes do not say whether it applied it',
                  });
              return el(
                'li',
                { class: 'kb-entry', title: `open entry k${r.id}`, data: { entry: String(r.id) } },
                el(
                  'div',
                  { class: 'kb-head' },
                  el('button', { class: 'kb-open', text: `k${r.id}`, title: `open entry k${r.id}`, data: { entry: String(r.id) } }),
                  el('span', { class: `kb-kind ${r.kind}`, text: r.kind }),
                  el('span', { class: 'kb-score', text: `score ${r.score.toFixed(2)}` }),
                ),
                el('div', { class: 'kb-text', text: r.text }),
                el('div', {
                  class: 'kb-objects',
                  text: r.objects.length > 0 ? `applies to ${r.objects.join(', ')}` : 'applies to the task as a whole',
                }),
                status,
              );
            }),
          ),
        );
      }
      parts.push(el('h3', { text: 'Learned from this episode' }));
      const ids = (label: string, list: number[]): HTMLElement =>
        el(
          'p',
          { class: 'kb-learned' },
          `${label}: `,
          ...list.flatMap((id, i) => [
            ...(i > 0 ? [', '] : []),
            el('button', { class: 'kb-open', text: `k${id}`, title: `open entry k${id}`, data: { entry: String(id) } }),
          ]),
        );
      if (use.learned.length > 0) parts.push(ids('new entries', use.learned));
      if (use.merged.length > 0) parts.push(ids('merged into', use.merged));
      if (use.learned.length === 0 && use.merged.length === 0) {
        parts.push(
          el('p', {
            class: 'kb-note',
            text: !k.final
              ? k.learn === false
                ? 'nothing: the viewer does not learn (--no-learn)'
                : 'nothing yet: a session learns when it ends (Stop) with the task done'
              : k.learn === false
                ? 'nothing: learning was off (--no-learn)'
                : 'nothing new',
          }),
        );
      }
    }
    this.body.replaceChildren(...parts);
  }

  private close(): void {
    this.showing = null;
    if (this.dialog.open) this.dialog.close();
  }

  /** Opens entry `id` of the knowledge base of the session shown (or the viewer's own). */
  async open(id: number): Promise<void> {
    const session = this.store.info?.id ?? null;
    this.showing = { session, id };
    this.dialogBody.replaceChildren(el('p', { class: 'kb-note', text: `Reading k${id}…` }));
    byId('knowledge-dialog-title').textContent = `Knowledge entry k${id}`;
    if (!this.dialog.open) this.dialog.showModal();
    let body: KnowledgeEntryView | { error: string };
    try {
      const res = await fetch(`/api/knowledge/${id}${session !== null ? `?session=${session}` : ''}`);
      body = (await res.json()) as KnowledgeEntryView | { error: string };
    } catch (err) {
      body = { error: `cannot read k${id}: ${(err as Error).message}` };
    }
    if (this.showing?.id !== id || this.showing.session !== session) return;
    if ('error' in body) {
      this.dialogBody.replaceChildren(el('p', { class: 'kb-warning', text: body.error }));
      return;
    }
    this.dialogBody.replaceChildren(...this.entryView(body));
  }

  private entryView(v: KnowledgeEntryView): HTMLElement[] {
    const e = v.entry;
    const rows: [string, string | HTMLElement][] = [];
    rows.push(['kind', e.kind === 'skill' && e.skill ? `skill: ${e.skill}${e.params ? ` ${shortValue(e.params)}` : ''}` : e.kind]);
    if (e.kind === 'plan' && e.params) rows.push(['rule', shortValue(e.params)]);
    rows.push([
      'confidence',
      `${e.confidence.toFixed(2)} · used ${e.uses} time${e.uses === 1 ? '' : 's'} (${e.successes} succeeded, ${e.failures} failed)`,
    ]);
    const scope: string[] = [];
    scope.push(e.scope.shapes.length > 0 ? `shapes: ${e.scope.shapes.join(', ')}` : 'any shape');
    const h = e.scope.sizeRange?.height;
    const w = e.scope.sizeRange?.width;
    const range = (r: [number | null, number | null]): string =>
      r[0] !== null && r[0] === r[1] ? metres(r[0]) : `${metres(r[0])} – ${metres(r[1])}`;
    if (h) scope.push(`height ${range(h)}`);
    if (w) scope.push(`width ${range(w)}`);
    if (e.scope.colors && e.scope.colors.length > 0) scope.push(`colours: ${e.scope.colors.join(', ')}`);
    if (e.scope.verbs.length > 0) scope.push(`actions: ${e.scope.verbs.join(', ')}`);
    rows.push(['applies to', scope.join(' · ')]);
    rows.push(['learned on', e.scope.taskIds.join(', ') || '—']);
    if (e.appearance) {
      const a = e.appearance;
      rows.push([
        'appearance',
        `${a.shape}, ${a.size.map((x) => (x * 100).toFixed(1)).join(' × ')} cm, aspect ${a.aspect.toFixed(2)} (from ${a.source === 'render' ? 'rendered views' : 'scene facts'})`,
      ]);
    }
    rows.push(['created', `${dateText(e.created)} · updated ${dateText(e.updated)}`]);
    const out: HTMLElement[] = [
      el('p', { class: 'kb-text big', text: e.text }),
      el('dl', { class: 'kb-fields' }, ...rows.flatMap(([k, val]) => [el('dt', { text: k }), el('dd', {}, val)])),
    ];
    if ((e.before && e.before.length > 0) || (e.after && e.after.length > 0)) {
      out.push(el('h3', { text: 'Program lines' }));
      out.push(
        el(
          'pre',
          { class: 'diff' },
          ...(e.before ?? []).map((l) => el('span', { class: 'del', text: `- ${l}` })),
          ...(e.after ?? []).map((l) => el('span', { class: 'add', text: `+ ${l}` })),
        ),
      );
    }
    out.push(el('h3', { text: `Sources (${e.sources.length})` }));
    out.push(
      el(
        'ol',
        { class: 'kb-sources' },
        ...e.sources.map((src) =>
          el(
            'li',
            {},
            el('div', {
              text: `${src.origin}${src.correction !== null ? ` “${src.correction}”` : ''} · ${src.taskId} seed ${src.seed} · ${src.programmer} · ${dateText(src.at)}`,
            }),
            src.session === null
              ? el('div', { class: 'kb-note', text: 'no record folder' })
              : src.open
                ? el(
                    'div',
                    {},
                    el('button', { class: 'kb-session', text: 'Open session', title: src.session, data: { dir: src.session } }),
                    ' ',
                    el('code', { text: src.session }),
                  )
                : el('div', { class: 'kb-note', text: `record folder gone: ${src.session}` }),
          ),
        ),
      ),
    );
    out.push(el('p', { class: 'kb-note', text: `From ${v.file}` }));
    return out;
  }
}
