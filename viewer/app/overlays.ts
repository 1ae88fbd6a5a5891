// Overlays in the 3D view, each switched on and off from a small toolbar in its corner
// (kept in localStorage): object ids, world-axis-aligned bounding boxes, the expected
// target (a translucent ghost of the failing object where the data says it should be),
// the measured offset as an arrow with its length in cm, the failing objects highlighted,
// and the finger pads' contact points while the gripper holds something (derived from the
// gripper's state, not read from the engine). The numbers come from overlay-geometry.ts.
// Everything is built once per scene (or once per target) and only posed per frame; the
// viewport draws on demand, so a switch or new data asks it to redraw.

import * as THREE from 'three';
import { objectGeometries } from '../../monitor/render/scene-builder.ts';
import type { ObjectSpec, SceneSpec, Snapshot } from '../../sim/types.ts';
import type { MotionTrack } from '../motion-track.ts';
import type { CheckpointFocus } from './checkpoint-focus.ts';
import { el } from './dom.ts';
import { contactPoints, expectedTarget, failingObjects, halfExtentAlong, worldBox } from './overlay-geometry.ts';
import type { AttemptFacts, ExpectedTarget, VerdictLike } from './overlay-geometry.ts';
import type { SceneViewport } from './scene-viewport.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

export const OVERLAY_NAMES = ['ids', 'boxes', 'target', 'offset', 'failing', 'contacts', 'ghost'] as const;
export type OverlayName = (typeof OVERLAY_NAMES)[number];
export const OVERLAYS_STORAGE_KEY = 'policyloop.viewer.overlays';

/** What a failure needs is on at first; the rest, and the ghost of the previous attempt, a click away. */
const DEFAULTS: Record<OverlayName, boolean> = {
  ids: false,
  boxes: false,
  target: true,
  offset: true,
  failing: true,
  contacts: false,
  ghost: false,
};

const BUTTONS: Record<Exclude<OverlayName, 'ghost'>, [text: string, title: string]> = {
  ids: ['Ids', 'object ids at the objects'],
  boxes: ['Boxes', "each object's world-axis-aligned bounding box"],
  target: ['Target', 'where the failing object should be: the diagnosis’s place offset, else the failing verdict’s predicate'],
  offset: ['Offset', 'the measured placement offset, from the target to the object, in cm'],
  failing: ['Failing', 'the objects the failing checkpoint names'],
  contacts: ['Contacts', 'where the finger pads touch the held object (derived from the gripper’s pose and opening)'],
};

/** The overlay switches, kept in localStorage, and the toolbar that shows them. */
export class OverlaySettings {
  readonly root: HTMLElement;
  private readonly on: Record<OverlayName, boolean>;
  private readonly buttons = new Map<OverlayName, HTMLButtonElement>();
  private readonly listeners: (() => void)[] = [];

  constructor(container: HTMLElement) {
    this.on = { ...DEFAULTS, ...readStored() };
    this.root = el('div', { class: 'overlay-tools' }, el('span', { class: 'tools-caption', text: 'Overlays' }));
    this.root.id = 'overlay-tools';
    this.root.setAttribute('role', 'toolbar');
    this.root.setAttribute('aria-label', 'overlays');
    for (const name of Object.keys(BUTTONS) as (keyof typeof BUTTONS)[]) {
      const [text, title] = BUTTONS[name];
      this.add(name, text, title);
    }
    worldTools(container).prepend(this.root);
  }

  /** Adds the toggle of `name` to the toolbar (attempt-ghost.ts adds its own). */
  add(name: OverlayName, text: string, title: string): HTMLButtonElement {
    const b = el('button', { text, title });
    b.type = 'button';
    b.id = `overlay-${name}`;
    b.addEventListener('click', () => this.set(name, !this.on[name]));
    this.buttons.set(name, b);
    this.root.append(b);
    this.paint(name);
    return b;
  }

  get(name: OverlayName): boolean {
    return this.on[name];
  }

  set(name: OverlayName, on: boolean): void {
    if (this.on[name] === on) return;
    this.on[name] = on;
    try {
      localStorage.setItem(OVERLAYS_STORAGE_KEY, JSON.stringify(this.on));
    } catch {
      // Storage full or denied: the switch still holds for this page.
    }
    this.paint(name);
    for (const l of this.listeners) l();
  }

  all(): Record<OverlayName, boolean> {
    return { ...this.on };
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  private paint(name: OverlayName): void {
    const b = this.buttons.get(name);
    if (!b) return;
    b.classList.toggle('active', this.on[name]);
    b.setAttribute('aria-pressed', String(this.on[name]));
  }
}

function readStored(): Partial<Record<OverlayName, boolean>> {
  try {
    const raw = JSON.parse(localStorage.getItem(OVERLAYS_STORAGE_KEY) ?? '{}') as Record<string, unknown>;
    const out: Partial<Record<OverlayName, boolean>> = {};
    for (const n of OVERLAY_NAMES) if (typeof raw[n] === 'boolean') out[n] = raw[n] as boolean;
    return out;
  } catch {
    return {};
  }
}

/** The 3D view's bottom-right corner, where the overlay and camera toolbars stack (shared with camera-toolbar.ts). */
export function worldTools(container: HTMLElement): HTMLElement {
  let corner = container.querySelector<HTMLElement>(':scope > #world-tools');
  if (!corner) {
    corner = el('div', { class: 'world-tools' });
    corner.id = 'world-tools';
    container.append(corner);
  }
  return corner;
}

/** The attempt whose track the world shows (the selected one, or another a video export draws). */
export function attemptOf(store: SessionStore, track: MotionTrack | null): AttemptView | null {
  if (!track) return null;
  const a = store.current;
  if (a?.track === track) return a;
  return store.attempts.find((x) => x?.track === track) ?? null;
}

export function attemptFacts(a: AttemptView): AttemptFacts {
  const verdicts = (a.end?.verdicts ?? a.verdicts) as VerdictLike[];
  return { diagnosis: a.end?.diagnosis ?? null, verdicts, checkpoints: a.checkpoints };
}

// ---------------------------------------------------------------- drawing helpers

export const LABEL_PX = 18;
const MAX_TOOLBARS = 4;
const ON_TOP = 10;
const TARGET_COLOR = 0x18b45a;
const ARROW_COLOR = 0xd0021b;
const FAILING_COLOR = 0xff1f3d;
const BOX_COLOR = 0x1b1f27;
const CONTACT_COLOR = 0xe0188c;

/** A text label drawn into a canvas texture: a sprite of constant size in pixels (see SceneViewport.spriteScale). */
export class Label {
  readonly sprite: THREE.Sprite;
  private readonly canvas = document.createElement('canvas');
  private texture: THREE.CanvasTexture;
  private text = '';
  aspect = 1;
  /** Pixels the label floats above its anchor before any lift clears it of others. */
  lift = 0;

  private readonly background: string;
  private readonly color: string;
  constructor(text: string, background: string, color: string) {
    this.background = background;
    this.color = color;
    this.texture = this.makeTexture();
    const mat = new THREE.SpriteMaterial({ map: this.texture, depthTest: false, depthWrite: false, sizeAttenuation: false });
    this.sprite = new THREE.Sprite(mat);
    this.sprite.center.set(0.5, 0);
    this.sprite.renderOrder = ON_TOP + 1;
    this.setText(text);
  }

  /** Redraws the texture (only when the text changes). */
  setText(text: string): void {
    if (text === this.text) return;
    this.text = text;
    const h = 2 * LABEL_PX * 2;
    const ctx = this.canvas.getContext('2d')!;
    const font = `600 ${Math.round(h * 0.62)}px system-ui, -apple-system, "Segoe UI", sans-serif`;
    ctx.font = font;
    const w = Math.ceil(ctx.measureText(text).width + h * 0.6);
    // A texture keeps the size it was first uploaded at: another size needs a new one.
    const resized = w !== this.canvas.width || h !== this.canvas.height;
    this.canvas.width = w;
    this.canvas.height = h;
    if (resized && this.sprite) {
      this.texture.dispose();
      this.texture = this.makeTexture();
      this.sprite.material.map = this.texture;
      this.sprite.material.needsUpdate = true;
    }
    ctx.font = font;
    ctx.fillStyle = this.background;
    ctx.beginPath();
    ctx.roundRect(0, 0, w, h, h * 0.25);
    ctx.fill();
    ctx.fillStyle = this.color;
    ctx.textBaseline = 'middle';
    ctx.textAlign = 'center';
    ctx.fillText(text, w / 2, h / 2 + 1);
    this.aspect = w / h;
    this.texture.needsUpdate = true;
  }

  get value(): string {
    return this.text;
  }

  private makeTexture(): THREE.CanvasTexture {
    const t = new THREE.CanvasTexture(this.canvas);
    t.colorSpace = THREE.SRGBColorSpace;
    t.minFilter = THREE.LinearFilter;
    return t;
  }

  /** Sizes the sprite for the canvas (px tall) at scale `s` (SceneViewport.spriteScale(LABEL_PX)). */
  size(s: number): void {
    this.sprite.scale.set(s * this.aspect, s, 1);
  }

  dispose(): void {
    this.texture.dispose();
    this.sprite.material.dispose();
  }
}

interface ObjectParts {
  spec: ObjectSpec;
  label: Label;
  box: THREE.LineSegments;
  failing: THREE.Group;
  /** The tint inside the outline: only for the object the failure is most about. */
  shell: THREE.Mesh;
}

// Scratch: the per-frame posing must not allocate.
const _box = new Float64Array(6);
const _pads = new Float64Array(6);
const _v = new THREE.Vector3();
const _dir = new THREE.Vector3();
const _origin = new THREE.Vector3();

export interface OverlayState {
  on: Record<OverlayName, boolean>;
  /** Object ids whose labels are drawn. */
  labels: string[];
  /** Boxes drawn: id → [min xyz, max xyz]. */
  boxes: Record<string, [number, number, number, number, number, number]>;
  /** The expected target (null: none stated for the attempt on screen), and whether its ghost is drawn. */
  target: (ExpectedTarget & { drawn: boolean }) | null;
  /** The offset arrow as drawn: tail (target) → head (object), its length and its label. */
  arrow: { from: [number, number, number]; to: [number, number, number]; length: number; label: string } | null;
  /** Objects highlighted as failing. */
  failing: string[];
  /** Contact points drawn (two while holding), and the object held. */
  contacts: [number, number, number][];
  holding: string | null;
}

export class Overlays {
  private readonly group = new THREE.Group();
  private readonly parts = new Map<string, ObjectParts>();
  /** The same, in scene order: posed per frame without an iterator. */
  private readonly partList: ObjectParts[] = [];
  private spec: SceneSpec | null = null;
  private readonly boxGeometry = new THREE.EdgesGeometry(new THREE.BoxGeometry(1, 1, 1));
  private readonly shellGeometry = new THREE.BoxGeometry(1, 1, 1);
  private readonly boxMaterial = new THREE.LineBasicMaterial({ color: BOX_COLOR, transparent: true, opacity: 0.85 });
  private readonly failEdgeMaterial = new THREE.LineBasicMaterial({ color: FAILING_COLOR, depthTest: false, transparent: true });
  private readonly failShellMaterial = new THREE.MeshBasicMaterial({
    color: FAILING_COLOR,
    transparent: true,
    opacity: 0.28,
    depthWrite: false,
  });
  // The expected target: a ghost of the object, rebuilt when the target's object changes.
  private readonly targetGroup = new THREE.Group();
  private readonly targetMaterial = new THREE.MeshLambertMaterial({
    color: TARGET_COLOR,
    transparent: true,
    opacity: 0.38,
    depthWrite: false,
  });
  private readonly targetEdgeMaterial = new THREE.LineBasicMaterial({ color: TARGET_COLOR });
  private targetGeometries: THREE.BufferGeometry[] = [];
  private targetObject: string | null = null;
  private readonly arrow: THREE.ArrowHelper;
  private readonly shaft: THREE.Mesh;
  private readonly arrowLabel = new Label('', 'rgba(208, 2, 27, 0.92)', '#fff');
  private readonly contacts: THREE.Mesh[];
  private readonly contactLine: THREE.Line;
  private readonly contactPositions = new Float32Array(6);

  private target: ExpectedTarget | null = null;
  private failing = new Set<string>();
  private firstFailing: string | null = null;
  /** What update() last saw: session, attempts and checkpoints revisions, the attempt and the checkpoint on screen. */
  private readonly seen = new Float64Array(5).fill(-1);
  private attempt: AttemptView | null = null;
  private holding: string | null = null;
  /** Screen rectangles [left, top, right, bottom] (canvas px): the toolbars', then the labels' placed so far. */
  private readonly toolbars = new Float64Array(MAX_TOOLBARS * 4);
  private toolbarCount = 0;
  private placed = new Float64Array(0);

  private readonly world: SceneViewport;
  private readonly store: SessionStore;
  private readonly focus: CheckpointFocus;
  readonly settings: OverlaySettings;
  constructor(world: SceneViewport, store: SessionStore, focus: CheckpointFocus, settings: OverlaySettings) {
    this.world = world;
    this.store = store;
    this.focus = focus;
    this.settings = settings;
    this.group.name = 'overlays-3d';
    this.arrowLabel.sprite.renderOrder = ON_TOP + 2;
    // Over the arrow, not on it.
    this.arrowLabel.lift = 6;
    this.targetGroup.name = 'expected-target';
    this.arrow = new THREE.ArrowHelper(new THREE.Vector3(1, 0, 0), new THREE.Vector3(), 0.1, ARROW_COLOR);
    this.arrow.name = 'offset-arrow';
    for (const m of [this.arrow.line.material, this.arrow.cone.material] as THREE.Material[]) {
      m.depthTest = false;
      m.transparent = true;
    }
    this.arrow.line.renderOrder = ON_TOP;
    this.arrow.cone.renderOrder = ON_TOP;
    // A line is one pixel wide in WebGL: a thin rod gives the arrow a shaft that reads.
    this.shaft = new THREE.Mesh(
      new THREE.CylinderGeometry(1, 1, 1, 8).translate(0, 0.5, 0),
      new THREE.MeshBasicMaterial({ color: ARROW_COLOR, depthTest: false, transparent: true }),
    );
    this.shaft.renderOrder = ON_TOP;
    this.arrow.add(this.shaft);
    const dot = new THREE.SphereGeometry(0.0055, 16, 8);
    const dotMat = new THREE.MeshBasicMaterial({ color: CONTACT_COLOR, depthTest: false, transparent: true });
    this.contacts = [0, 1].map(() => {
      const m = new THREE.Mesh(dot, dotMat);
      m.renderOrder = ON_TOP;
      return m;
    });
    const lineGeometry = new THREE.BufferGeometry();
    lineGeometry.setAttribute('position', new THREE.BufferAttribute(this.contactPositions, 3));
    this.contactLine = new THREE.Line(
      lineGeometry,
      new THREE.LineBasicMaterial({ color: CONTACT_COLOR, depthTest: false, transparent: true, opacity: 0.7 }),
    );
    this.contactLine.frustumCulled = false;
    this.contactLine.renderOrder = ON_TOP;
    this.group.add(this.targetGroup, this.arrow, this.arrowLabel.sprite, this.contactLine, ...this.contacts);
    world.overlays.add(this.group);
    world.onSceneChange((spec) => this.build(spec));
    world.afterShow((s, track) => this.pose(s, track));
    settings.onChange(() => world.redraw());
    world.beforeRender(() => this.layoutLabels());
    const container = world.renderer.domElement.parentElement;
    if (container) {
      const observer = new ResizeObserver(() => {
        this.measureToolbars();
        world.redraw();
      });
      observer.observe(container);
      const cornerEl = container.querySelector('#world-tools');
      if (cornerEl) observer.observe(cornerEl);
      if (cornerEl) for (let i = 0; i < cornerEl.children.length; i++) observer.observe(cornerEl.children[i]!);
    }
    this.build(world.sceneSpec);
  }

  /** Once a frame: recomputes the target and the failing objects when the attempt on screen or its verdicts change. */
  update(): void {
    const s = this.store;
    const cp = this.focus.current();
    const w = this.seen;
    if (w[0] === s.rev.session && w[1] === s.rev.attempts && w[2] === s.rev.checkpoints && w[3] === s.selected && w[4] === cp) return;
    w[0] = s.rev.session;
    w[1] = s.rev.attempts;
    w[2] = s.rev.checkpoints;
    w[3] = s.selected;
    w[4] = cp;
    this.attempt = null;
    this.world.redraw();
  }

  /** The target and failing objects of attempt `a` (computed once per change of the key above). */
  private facts(a: AttemptView | null): void {
    if (a === this.attempt) return;
    this.attempt = a;
    this.target = null;
    this.failing.clear();
    if (!a || !this.spec) return;
    const facts = attemptFacts(a);
    const selected = a === this.store.current ? this.focus.current() : null;
    this.target = expectedTarget(this.spec, facts, selected);
    const failing = failingObjects(facts);
    for (const id of failing) this.failing.add(id);
    this.firstFailing = this.target?.object ?? failing[0] ?? null;
    this.buildTarget();
  }

  private build(spec: SceneSpec | null): void {
    for (const p of this.parts.values()) {
      p.label.dispose();
      this.group.remove(p.label.sprite, p.box, p.failing);
    }
    this.parts.clear();
    this.partList.length = 0;
    this.spec = spec;
    this.attempt = null;
    this.target = null;
    this.targetObject = null;
    this.clearTarget();
    if (!spec) return;
    this.placed = new Float64Array((MAX_TOOLBARS + spec.objects.length + 1) * 4);
    for (const o of spec.objects) {
      const label = new Label(o.id, 'rgba(255, 255, 255, 0.9)', '#1b1f27');
      label.sprite.name = `label:${o.id}`;
      const box = new THREE.LineSegments(this.boxGeometry, this.boxMaterial);
      box.name = `box:${o.id}`;
      const failing = new THREE.Group();
      failing.name = `failing:${o.id}`;
      const edges = new THREE.LineSegments(this.boxGeometry, this.failEdgeMaterial);
      edges.renderOrder = ON_TOP;
      const shell = new THREE.Mesh(this.shellGeometry, this.failShellMaterial);
      // Just outside the object's own box, in its frame.
      edges.scale.set(o.size[0] * 1.08 + 0.004, o.size[1] * 1.08 + 0.004, o.size[2] * 1.08 + 0.004);
      shell.scale.set(o.size[0] * 1.05 + 0.002, o.size[1] * 1.05 + 0.002, o.size[2] * 1.05 + 0.002);
      failing.add(shell, edges);
      this.group.add(label.sprite, box, failing);
      label.sprite.visible = false;
      box.visible = false;
      failing.visible = false;
      const part = { spec: o, label, box, failing, shell };
      this.parts.set(o.id, part);
      this.partList.push(part);
    }
  }

  private clearTarget(): void {
    for (const child of [...this.targetGroup.children]) this.targetGroup.remove(child);
    for (const g of this.targetGeometries) g.dispose();
    this.targetGeometries = [];
  }

  /** The ghost's meshes: the target object's own shape (rebuilt only when the object changes). */
  private buildTarget(): void {
    const id = this.target?.object ?? null;
    if (id === this.targetObject) return;
    this.targetObject = id;
    this.clearTarget();
    const o = id ? this.spec?.objects.find((x) => x.id === id) : undefined;
    if (!o) return;
    for (const part of objectGeometries(o)) {
      const edges = new THREE.EdgesGeometry(part.geometry);
      this.targetGeometries.push(part.geometry, edges);
      const mesh = new THREE.Mesh(part.geometry, this.targetMaterial);
      const line = new THREE.LineSegments(edges, this.targetEdgeMaterial);
      mesh.position.set(...part.position);
      line.position.set(...part.position);
      this.targetGroup.add(mesh, line);
    }
  }

  /** Poses every overlay for the moment on screen (an afterShow hook of the viewport). */
  private pose(s: Snapshot, track: MotionTrack | null): void {
    const on = this.settings;
    const a = attemptOf(this.store, track);
    this.facts(a);
    const scale = this.world.spriteScale(LABEL_PX);
    for (let i = 0; i < this.partList.length; i++) {
      const p = this.partList[i]!;
      const id = p.spec.id;
      const o = s.objects[id];
      const here = o !== undefined;
      if (here) worldBox(p.spec, o.position, o.quaternion, _box);
      p.label.sprite.visible = here && on.get('ids');
      if (p.label.sprite.visible) {
        p.label.sprite.position.set((_box[0]! + _box[3]!) / 2, (_box[1]! + _box[4]!) / 2, _box[5]! + 0.008);
        p.label.size(scale);
      }
      p.box.visible = here && on.get('boxes');
      if (p.box.visible) {
        p.box.position.set((_box[0]! + _box[3]!) / 2, (_box[1]! + _box[4]!) / 2, (_box[2]! + _box[5]!) / 2);
        p.box.scale.set(Math.max(_box[3]! - _box[0]!, 1e-4), Math.max(_box[4]! - _box[1]!, 1e-4), Math.max(_box[5]! - _box[2]!, 1e-4));
      }
      p.failing.visible = here && a !== null && on.get('failing') && this.failing.has(id);
      if (p.failing.visible) {
        p.shell.visible = id === this.firstFailing;
        p.failing.position.set(o!.position[0], o!.position[1], o!.position[2]);
        p.failing.quaternion.set(o!.quaternion[0], o!.quaternion[1], o!.quaternion[2], o!.quaternion[3]);
      }
    }

    const t = a ? this.target : null;
    this.targetGroup.visible = t !== null && on.get('target') && this.targetGroup.children.length > 0;
    if (t && this.targetGroup.visible) {
      this.targetGroup.position.set(...t.position);
      this.targetGroup.quaternion.set(...t.quaternion);
    }
    // The offset is a measurement at its checkpoint: drawn from that moment on, not before the object got there.
    const measuredAt = t && a ? (a.checkpoints.find((c) => c.index === t.checkpoint)?.t ?? -Infinity) : Infinity;
    const showArrow = t !== null && on.get('offset') && t.distance > 1e-4 && s.t >= measuredAt - 1e-6;
    this.arrow.visible = showArrow;
    this.arrowLabel.sprite.visible = showArrow;
    if (t && showArrow) {
      const o = this.parts.get(t.object)?.spec;
      // Over the object's top, so neither the object nor its support hides it.
      const z = t.from[2] + (o ? halfExtentAlong(o, t.quaternion, 0, 0, 1) : 0) + 0.006;
      _origin.set(t.from[0] - t.dx, t.from[1] - t.dy, z);
      _dir.set(t.dx / t.distance, t.dy / t.distance, 0);
      this.arrow.position.copy(_origin);
      this.arrow.setDirection(_dir);
      const head = Math.min(0.3 * t.distance, 0.022);
      this.arrow.setLength(t.distance, head, head * 0.6);
      this.shaft.scale.set(0.0018, Math.max(t.distance - head, 1e-4), 0.0018);
      this.arrowLabel.setText(`${(t.distance * 100).toFixed(1)} cm`);
      this.arrowLabel.sprite.position.set(t.from[0] - t.dx / 2, t.from[1] - t.dy / 2, z + 0.004);
      this.arrowLabel.size(scale);
    }

    const held = s.gripper.holding;
    const heldPart = held ? this.parts.get(held) : undefined;
    const heldPose = held ? s.objects[held] : undefined;
    const showContacts = on.get('contacts') && heldPart !== undefined && heldPose !== undefined;
    this.holding = showContacts ? held : null;
    this.contactLine.visible = showContacts;
    for (const c of this.contacts) c.visible = showContacts;
    if (showContacts) {
      contactPoints(s.gripper, heldPart!.spec, heldPose!, _pads);
      for (let k = 0; k < 2; k++) {
        this.contacts[k]!.position.set(_pads[k * 3]!, _pads[k * 3 + 1]!, _pads[k * 3 + 2]!);
        for (let j = 0; j < 3; j++) this.contactPositions[k * 3 + j] = _pads[k * 3 + j]!;
      }
      const attr = this.contactLine.geometry.getAttribute('position') as THREE.BufferAttribute;
      attr.needsUpdate = true;
    }
  }

  /** The toolbars' rectangles in canvas pixels, read when they or the view change size (labels keep clear of them). */
  private measureToolbars(): void {
    const canvas = this.world.renderer.domElement;
    const corner = canvas.parentElement?.querySelector('#world-tools');
    this.toolbarCount = 0;
    if (!corner) return;
    const c = canvas.getBoundingClientRect();
    for (let i = 0; i < corner.children.length && this.toolbarCount < MAX_TOOLBARS; i++) {
      const r = corner.children[i]!.getBoundingClientRect();
      if (r.width === 0) continue;
      const k = this.toolbarCount++ * 4;
      this.toolbars[k] = r.left - c.left;
      this.toolbars[k + 1] = r.top - c.top;
      this.toolbars[k + 2] = r.right - c.left;
      this.toolbars[k + 3] = r.bottom - c.top;
    }
  }

  /**
   * Before each render: lifts labels that would cover one already placed, or fall under a
   * toolbar, until they are clear (the offset's label first, then the ids in scene order).
   */
  private layoutLabels(): void {
    if (!this.settings.get('ids') && !this.arrowLabel.sprite.visible) return;
    for (let i = 0; i < this.toolbarCount * 4; i++) this.placed[i] = this.toolbars[i]!;
    let n = this.toolbarCount;
    if (this.arrowLabel.sprite.visible) n = this.place(this.arrowLabel, n);
    for (let i = 0; i < this.partList.length; i++) {
      const label = this.partList[i]!.label;
      if (label.sprite.visible) n = this.place(label, n);
    }
  }

  private place(label: Label, n: number): number {
    label.sprite.center.set(0.5, 0);
    const canvas = this.world.renderer.domElement;
    _v.copy(label.sprite.position).project(this.world.camera);
    if (_v.z > 1 || n * 4 + 4 > this.placed.length) return n;
    const x = ((_v.x + 1) / 2) * canvas.clientWidth;
    const y = ((1 - _v.y) / 2) * canvas.clientHeight;
    const half = (LABEL_PX * label.aspect) / 2 + 1;
    let bottom = y - label.lift;
    for (let tries = 0; tries <= n; tries++) {
      let hit = -1;
      for (let j = 0; j < n; j++) {
        const k = j * 4;
        if (
          x + half <= this.placed[k]! ||
          x - half >= this.placed[k + 2]! ||
          bottom - LABEL_PX >= this.placed[k + 3]! ||
          bottom <= this.placed[k + 1]!
        )
          continue;
        hit = k;
        break;
      }
      if (hit < 0) break;
      bottom = this.placed[hit + 1]! - 1;
    }
    if (bottom !== y) label.sprite.center.set(0.5, (bottom - y) / LABEL_PX);
    const k = n * 4;
    this.placed[k] = x - half;
    this.placed[k + 1] = bottom - LABEL_PX;
    this.placed[k + 2] = x + half;
    this.placed[k + 3] = bottom;
    return n + 1;
  }

  /** For the tests and the page's hooks: what is drawn now. */
  state(): OverlayState {
    const labels: string[] = [];
    const boxes: OverlayState['boxes'] = {};
    const failing: string[] = [];
    for (const [id, p] of this.parts) {
      if (p.label.sprite.visible) labels.push(id);
      if (p.box.visible) {
        const b = p.box;
        boxes[id] = [
          b.position.x - b.scale.x / 2,
          b.position.y - b.scale.y / 2,
          b.position.z - b.scale.z / 2,
          b.position.x + b.scale.x / 2,
          b.position.y + b.scale.y / 2,
          b.position.z + b.scale.z / 2,
        ];
      }
      if (p.failing.visible) failing.push(id);
    }
    const t = this.attempt ? this.target : null;
    let arrow: OverlayState['arrow'] = null;
    if (this.arrow.visible) {
      // ArrowHelper points along its local +y; the cone's tip is at its position.
      const len = this.arrow.cone.position.y;
      _dir.set(0, 1, 0).applyQuaternion(this.arrow.quaternion);
      const p = this.arrow.position;
      arrow = {
        from: [p.x, p.y, p.z],
        to: [p.x + _dir.x * len, p.y + _dir.y * len, p.z + _dir.z * len],
        length: len,
        label: this.arrowLabel.value,
      };
    }
    const contacts: [number, number, number][] = this.contacts[0]!.visible
      ? this.contacts.map((c) => [c.position.x, c.position.y, c.position.z] as [number, number, number])
      : [];
    return {
      on: this.settings.all(),
      labels,
      boxes,
      target: t ? { ...t, drawn: this.targetGroup.visible } : null,
      arrow,
      failing,
      contacts,
      holding: this.holding,
    };
  }
}
