// The buttons in the 3D view's corner: the monitor's three cameras, Reset, follow the
// gripper, and the keyboard help. The active preset and the follow toggle are shown pressed.
// They sit under the overlay toolbar (overlays.ts) in the corner both share.

import { PRESET_NAMES } from './camera-presets.ts';
import type { PresetName } from './camera-presets.ts';
import { el } from './dom.ts';
import { worldTools } from './overlays.ts';
import type { SceneViewport } from './scene-viewport.ts';

const LABELS: Record<PresetName, string> = { front: 'Front', top: 'Top', side: 'Side' };

export class CameraToolbar {
  readonly root: HTMLElement;
  private readonly presets = new Map<PresetName, HTMLButtonElement>();
  private readonly follow: HTMLButtonElement;

  private readonly world: SceneViewport;
  constructor(container: HTMLElement, world: SceneViewport, showHelp: () => void) {
    this.world = world;
    const button = (id: string, text: string, title: string, click: () => void): HTMLButtonElement => {
      const b = el('button', { text, title });
      b.type = 'button';
      b.id = id;
      b.addEventListener('click', click);
      return b;
    };
    const presetButtons = PRESET_NAMES.map((name, i) => {
      const b = button(`camera-${name}`, LABELS[name], `the monitor's ${name} camera (key ${i + 1})`, () => world.setPreset(name));
      b.setAttribute('aria-pressed', 'false');
      this.presets.set(name, b);
      return b;
    });
    this.follow = button('camera-follow', 'Follow gripper', 'keep the gripper at the centre of the view (key F)', () =>
      world.setFollow(!world.follow),
    );
    this.follow.setAttribute('aria-pressed', 'false');
    this.root = el(
      'div',
      { class: 'camera-tools' },
      ...presetButtons,
      button('camera-reset', 'Reset', 'the view the page opened with (key 0)', () => world.resetCamera()),
      this.follow,
      button('keys-button', '?', 'keyboard shortcuts (key ?)', showHelp),
    );
    this.root.id = 'camera-tools';
    this.root.setAttribute('role', 'toolbar');
    this.root.setAttribute('aria-label', 'camera');
    worldTools(container).append(this.root);
    world.onCameraChange = () => this.update();
    this.update();
  }

  update(): void {
    const state = this.world.cameraState();
    for (const [name, b] of this.presets) {
      const on = state.preset === name;
      b.classList.toggle('active', on);
      b.setAttribute('aria-pressed', String(on));
    }
    this.follow.classList.toggle('active', state.follow);
    this.follow.setAttribute('aria-pressed', String(state.follow));
  }
}
