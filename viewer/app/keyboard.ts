// Keyboard shortcuts, and the `?` overlay that lists them. Keys typed into a text field,
// a number field or a list go to that field, never here.

import { PRESET_NAMES } from './camera-presets.ts';
import type { CheckpointFocus } from './checkpoint-focus.ts';
import { byId, el } from './dom.ts';
import type { SceneViewport } from './scene-viewport.ts';
import type { SessionStore } from './session-store.ts';

const SAME_MOMENT = 1e-9;

/** The shortcuts, as the overlay lists them. */
export const SHORTCUTS: readonly (readonly [keys: string, what: string])[] = [
  ['Space', 'play / pause (the running episode while following it live, else the replay of the attempt on screen)'],
  ['← / →', 'previous / next API call (a paused live episode: → runs one call)'],
  ['[ / ]', 'previous / next checkpoint'],
  ['1 / 2 / 3', "the monitor's front / top / side camera"],
  ['0', 'reset the camera'],
  ['F', 'follow the gripper (on / off)'],
  ['G', 'the ghost of the previous attempt (on / off)'],
  ['?', 'this list (Esc closes it)'],
];

/** Where keys are typing: text inputs, text areas, lists and editable text. */
function typingIn(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.isContentEditable) return true;
  if (target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement) return true;
  if (target instanceof HTMLInputElement) return !['button', 'checkbox', 'radio', 'range', 'submit', 'reset'].includes(target.type);
  return false;
}

export class Keyboard {
  readonly help: HTMLElement;

  private readonly store: SessionStore;
  private readonly world: SceneViewport;
  private readonly focus: CheckpointFocus;
  constructor(store: SessionStore, world: SceneViewport, focus: CheckpointFocus) {
    this.store = store;
    this.world = world;
    this.focus = focus;
    this.help = el(
      'div',
      { class: 'keys-help' },
      el('h2', { text: 'Keyboard' }),
      el('dl', {}, ...SHORTCUTS.flatMap(([k, what]) => [el('dt', {}, el('kbd', { text: k })), el('dd', { text: what })])),
      el('p', { class: 'meta', text: 'Not while typing in a field. Drag to orbit, right-drag to pan, wheel to zoom.' }),
    );
    this.help.id = 'keys-help';
    this.help.hidden = true;
    this.help.setAttribute('role', 'dialog');
    this.help.setAttribute('aria-label', 'keyboard shortcuts');
    this.help.addEventListener('click', () => this.toggleHelp(false));
    document.body.append(this.help);
    document.addEventListener('keydown', (e) => this.onKey(e));
  }

  toggleHelp(show = this.help.hidden): void {
    this.help.hidden = !show;
  }

  private onKey(e: KeyboardEvent): void {
    if (e.ctrlKey || e.metaKey || e.altKey || e.defaultPrevented) return;
    if (typingIn(e.target)) return;
    if (e.key === 'Escape' && !this.help.hidden) {
      this.toggleHelp(false);
      return;
    }
    if (this.handle(e.key)) e.preventDefault();
  }

  /** Runs the shortcut of `key`; false when it is none. */
  handle(key: string): boolean {
    switch (key) {
      case ' ':
        this.playPause();
        return true;
      case 'ArrowLeft':
        this.stepCall(-1);
        return true;
      case 'ArrowRight':
        this.stepCall(1);
        return true;
      case '[':
        this.focus.step(-1);
        return true;
      case ']':
        this.focus.step(1);
        return true;
      case '1':
      case '2':
      case '3':
        this.world.setPreset(PRESET_NAMES[Number(key) - 1]!);
        return true;
      case '0':
        this.world.resetCamera();
        return true;
      case 'f':
      case 'F':
        this.world.setFollow(!this.world.follow);
        return true;
      case 'g':
      case 'G': {
        // The overlay toolbar's switch (attempt-ghost.ts): disabled on attempt 0.
        const ghost = document.getElementById('overlay-ghost') as HTMLButtonElement | null;
        if (ghost && !ghost.disabled) ghost.click();
        return true;
      }
      case '?':
        this.toggleHelp();
        return true;
      default:
        return false;
    }
  }

  /** Following a live episode: its Pause / Resume; else the replay's ▶ / ❚❚. */
  private playPause(): void {
    const s = this.store;
    const button = s.live && s.follow ? byId<HTMLButtonElement>('pause') : byId<HTMLButtonElement>('play');
    if (!button.disabled) button.click();
  }

  /** Seeks to the end of the previous or next API call of the attempt on screen. */
  private stepCall(direction: 1 | -1): void {
    const s = this.store;
    if (direction > 0 && s.live && s.follow && s.status.status === 'paused') {
      byId<HTMLButtonElement>('step').click();
      return;
    }
    const a = s.current;
    if (!a) return;
    let to: number | null = null;
    for (const e of a.events) {
      if (e.type !== 'call') continue;
      if (direction > 0 && e.t > s.time + SAME_MOMENT) {
        to = e.t;
        break;
      }
      if (direction < 0 && e.t < s.time - SAME_MOMENT) to = e.t;
    }
    if (direction < 0 && to === null && s.time > a.track.start + SAME_MOMENT) to = a.track.start;
    if (to !== null) s.seek(to);
  }
}
