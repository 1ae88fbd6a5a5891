// The header: start form (task, seed, provider, model, monitor, perception, max repairs), run
// controls (pause / step one API call / stop, speed), "open run", and the status line.

import type { ClientMessage, SessionInfo, Speed, VIEWER_ENGINES, VIEWER_MONITORS, VIEWER_PROVIDERS } from '../protocol.ts';
import type { PerceptionMode } from '../../policy/program/perception-settings.ts';
import { byId, el } from './dom.ts';
import type { SessionStore } from './session-store.ts';
import { FILE_CHOICE, taskOptions } from './task-picker.ts';
import { StartFormExtras } from './start-form.ts';

const SPEED_LABELS: Record<Speed, string> = { '1x': '1×', '4x': '4×', max: 'fastest' };

export class Controls {
  private readonly task = byId<HTMLSelectElement>('task-select');
  private readonly taskFile = byId<HTMLInputElement>('task-file');
  private readonly provider = byId<HTMLSelectElement>('provider');
  private readonly monitor = byId<HTMLSelectElement>('monitor');
  private readonly perception = byId<HTMLSelectElement>('perception');
  private readonly engine = byId<HTMLSelectElement>('engine');
  private readonly speed = byId<HTMLSelectElement>('speed');
  private readonly pause = byId<HTMLButtonElement>('pause');
  private readonly step = byId<HTMLButtonElement>('step');
  private readonly stop = byId<HTMLButtonElement>('stop');
  private readonly start = byId<HTMLButtonElement>('start');
  private readonly open = byId<HTMLButtonElement>('open');
  private readonly errorLine = byId('error-line');
  private readonly extras = new StartFormExtras();
  private readonly seen = { hello: -1, status: -1, session: -1 };

  private readonly store: SessionStore;
  private readonly send: (m: ClientMessage) => void;
  constructor(store: SessionStore, send: (m: ClientMessage) => void) {
    this.store = store;
    this.send = send;
    this.task.addEventListener('change', () => {
      byId('task-file-label').hidden = this.task.value !== FILE_CHOICE;
    });
    this.provider.addEventListener('change', () => {
      byId('cassette-label').hidden = this.provider.value !== 'replay';
    });
    this.perception.addEventListener('change', () => {
      byId('perception-noise-label').hidden = this.perception.value !== 'noisy';
    });
    byId<HTMLFormElement>('start-form').addEventListener('submit', (e) => {
      e.preventDefault();
      this.submitStart();
    });
    byId<HTMLFormElement>('open-form').addEventListener('submit', (e) => {
      e.preventDefault();
      const dir = byId<HTMLInputElement>('run-dir').value.trim();
      if (dir) this.send({ type: 'open-run', dir });
    });
    this.pause.addEventListener('click', () => {
      this.send({ type: this.store.status.status === 'paused' ? 'resume' : 'pause' });
    });
    this.step.addEventListener('click', () => this.send({ type: 'step' }));
    this.stop.addEventListener('click', () => this.send({ type: 'stop' }));
    this.speed.addEventListener('change', () => this.send({ type: 'speed', speed: this.speed.value as Speed }));
  }

  showError(message: string): void {
    this.errorLine.textContent = message;
    this.errorLine.title = message;
  }

  setConnection(online: boolean): void {
    const c = byId('connection');
    c.textContent = online ? 'connected' : 'disconnected — retrying';
    c.className = `badge ${online ? 'online' : 'offline'}`;
  }

  private submitStart(): void {
    const task = this.task.value === FILE_CHOICE ? this.taskFile.value.trim() : this.task.value;
    if (!task) {
      this.showError('choose a task, or give the path of a task file');
      return;
    }
    const seed = Number(byId<HTMLInputElement>('seed').value || '0');
    const maxRepairs = Number(byId<HTMLInputElement>('max-repairs').value || '0');
    const model = byId<HTMLInputElement>('model').value.trim();
    const cassette = byId<HTMLInputElement>('cassette').value.trim();
    const perception = this.perception.value as PerceptionMode;
    const noise = byId<HTMLInputElement>('perception-noise').value.trim();
    if (this.extras.problem) {
      this.showError(this.extras.problem);
      return;
    }
    this.showError('');
    this.send({
      type: 'start',
      task,
      seed,
      maxRepairs,
      provider: this.provider.value as (typeof VIEWER_PROVIDERS)[number],
      monitor: this.monitor.value as (typeof VIEWER_MONITORS)[number],
      perception,
      engine: this.engine.value as (typeof VIEWER_ENGINES)[number],
      ...(perception === 'noisy' && noise ? { perceptionNoise: noise } : {}),
      speed: this.speed.value as Speed,
      ...(model ? { model } : {}),
      ...(cassette && this.provider.value === 'replay' ? { cassette } : {}),
      ...(byId<HTMLInputElement>('images').checked ? { images: true } : {}),
      ...(byId<HTMLInputElement>('start-paused').checked ? { paused: true } : {}),
      ...this.extras.fields(),
    });
  }

  /** The form takes the settings of the session on screen, so Start runs it again. */
  private fillFrom(info: SessionInfo): void {
    const has = (select: HTMLSelectElement, v: string): boolean => Array.from(select.options).some((o) => o.value === v);
    if (has(this.task, info.task)) {
      this.task.value = info.task;
      byId('task-file-label').hidden = true;
    }
    byId<HTMLInputElement>('seed').value = String(info.seed);
    if (has(this.provider, info.provider)) {
      this.provider.value = info.provider;
      byId('cassette-label').hidden = info.provider !== 'replay';
      byId<HTMLInputElement>('model').value = info.provider === 'builtin' ? '' : info.model;
    }
    if (has(this.monitor, info.monitor)) this.monitor.value = info.monitor;
    if (info.engine && has(this.engine, info.engine)) this.engine.value = info.engine;
    byId<HTMLInputElement>('max-repairs').value = String(info.maxRepairs);
  }

  private fillSelect(select: HTMLSelectElement, values: readonly string[], labels: (v: string) => string = (v) => v): void {
    select.replaceChildren(
      ...values.map((v) => {
        const o = el('option', { text: labels(v) });
        o.value = v;
        return o;
      }),
    );
  }

  update(): void {
    const s = this.store;
    if (s.rev.hello !== this.seen.hello && s.hello) {
      this.seen.hello = s.rev.hello;
      const h = s.hello;
      const current = this.task.value;
      this.task.replaceChildren(...taskOptions(h.tasks));
      if (current) this.task.value = current;
      this.fillSelect(this.provider, h.providers);
      this.fillSelect(this.monitor, h.monitors);
      this.fillSelect(this.engine, h.engines ?? ['rapier']);
      this.engine.value = h.engine ?? 'rapier';
      this.fillSelect(this.speed, h.speeds, (v) => SPEED_LABELS[v as Speed] ?? v);
      byId<HTMLInputElement>('max-repairs').max = String(h.maxRepairs);
    }
    if (s.rev.session !== this.seen.session) {
      this.seen.session = s.rev.session;
      const info = s.info;
      byId('instruction').textContent = info
        ? `${info.source === 'run' ? 'replay' : 'live'} · ${info.task} · seed ${info.seed} · ${info.provider}${info.model ? `/${info.model}` : ''} · monitor ${info.monitor}${info.engine && info.engine !== 'rapier' ? ` · ${info.engine}` : ''} — “${info.instruction}”`
        : '';
      // A replay leaves the form as the person set it (issue 16); another tab's live start fills it.
      if (info && info.source === 'live') this.fillFrom(info);
    }
    if (s.rev.status !== this.seen.status) {
      this.seen.status = s.rev.status;
      const st = s.status;
      const badge = byId('status');
      badge.textContent = st.detail ? `${st.status}: ${st.detail}` : st.status;
      badge.className = `badge ${st.status}`;
      const live = s.live;
      this.pause.disabled = !live;
      this.step.disabled = !live;
      // After its loop ends a live episode waits for corrections until Stop ends it.
      this.stop.disabled = !s.correctable;
      this.stop.title = s.correctable && !live ? 'end the session (it is waiting for a correction)' : '';
      this.pause.textContent = st.status === 'paused' ? 'Resume' : 'Pause';
      this.start.disabled = live;
      this.open.disabled = live;
      if (this.speed.value !== st.speed) this.speed.value = st.speed;
    }
  }
}
