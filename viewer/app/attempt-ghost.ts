// The ghost of attempt k−1 over attempt k: its objects, translucent and in their own
// colours, where they were at the same time since the start of their attempt (clamped to
// its end), and its gripper's path as a second, dimmer line with a dot at its gripper.
// Switched from the overlay toolbar ("Ghost of attempt k−1", key G); built once per scene,
// posed per shown moment by sampling k−1's MotionTrack into a scratch snapshot.

import * as THREE from 'three';
import { objectGeometries } from '../../monitor/render/scene-builder.ts';
import { COLOR_HEX } from '../../sim/types.ts';
import type { SceneSpec, Snapshot, Vec3 } from '../../sim/types.ts';
import { scratchSnapshot } from '../motion-track.ts';
import type { MotionTrack } from '../motion-track.ts';
import { ghostTime } from './overlay-geometry.ts';
import { LABEL_PX, Label, attemptOf } from './overlays.ts';
import type { OverlaySettings } from './overlays.ts';
import type { SceneViewport } from './scene-viewport.ts';
import type { AttemptView, SessionStore } from './session-store.ts';

/** Longest ghost path drawn (keys), as the viewport's own path. */
const MAX_PATH_POINTS = 1 << 15;
const GHOST_PATH_COLOR = 0x4a5bd4;
const GHOST_OPACITY = 0.45;

export interface GhostState {
  /** The attempt drawn as the ghost, and the moment of it shown. */
  attempt: number;
  t: number;
  /** Its objects' centres as drawn. */
  objects: Record<string, Vec3>;
  /** Points of its gripper path drawn, and where its gripper is. */
  pathPoints: number;
  gripper: Vec3;
}

export class AttemptGhost {
  private readonly group = new THREE.Group();
  private readonly objects = new THREE.Group();
  private readonly nodes = new Map<string, THREE.Object3D>();
  /** The same, in scene order: posed per frame without an iterator. */
  private readonly nodeList: THREE.Object3D[] = [];
  private readonly disposables: { dispose(): void }[] = [];
  private readonly path: THREE.Line;
  private readonly pathPositions = new Float32Array(MAX_PATH_POINTS * 3);
  private readonly pathAttr: THREE.BufferAttribute;
  private readonly marker: THREE.Mesh;
  /** "attempt k−1" over its gripper. */
  private readonly label = new Label('', 'rgba(74, 91, 212, 0.9)', '#fff');
  private pathTrack: MotionTrack | null = null;
  private pathWritten = 0;
  private scratch: Snapshot | null = null;
  private shown: { attempt: AttemptView; t: number } | null = null;
  private readonly button: HTMLButtonElement;
  private buttonFor = -2;

  private readonly world: SceneViewport;
  private readonly store: SessionStore;
  private readonly settings: OverlaySettings;
  constructor(world: SceneViewport, store: SessionStore, settings: OverlaySettings) {
    this.world = world;
    this.store = store;
    this.settings = settings;
    this.group.name = 'attempt-ghost';
    const geometry = new THREE.BufferGeometry();
    this.pathAttr = new THREE.BufferAttribute(this.pathPositions, 3);
    this.pathAttr.setUsage(THREE.DynamicDrawUsage);
    geometry.setAttribute('position', this.pathAttr);
    geometry.setDrawRange(0, 0);
    this.path = new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: GHOST_PATH_COLOR, transparent: true, opacity: 0.55 }));
    this.path.frustumCulled = false;
    this.path.name = 'ghost-path';
    this.marker = new THREE.Mesh(
      new THREE.SphereGeometry(0.008, 16, 8),
      new THREE.MeshBasicMaterial({ color: GHOST_PATH_COLOR, transparent: true, opacity: 0.7 }),
    );
    this.label.lift = 8;
    this.label.sprite.name = 'ghost-label';
    this.group.add(this.objects, this.path, this.marker, this.label.sprite);
    this.group.visible = false;
    world.overlays.add(this.group);
    this.button = settings.add('ghost', 'Ghost of attempt k−1', '');
    this.button.classList.add('ghost-toggle');
    world.onSceneChange((spec) => this.build(spec));
    world.afterShow((s, track) => this.pose(s, track));
    this.build(world.sceneSpec);
    this.update();
  }

  /** Once a frame: the button names the previous attempt; a growing previous path is drawn again. */
  update(): void {
    const k = this.store.current?.index ?? -1;
    if (k !== this.buttonFor) {
      this.buttonFor = k;
      this.button.disabled = k < 1;
      this.button.textContent = k >= 1 ? `Ghost of attempt ${k - 1}` : 'Ghost of previous attempt';
      this.button.title =
        k >= 1
          ? `attempt ${k - 1}'s objects and gripper path over attempt ${k}, at the same time since each attempt's start (key G)`
          : 'shown over attempt 1 and later: the previous attempt’s objects and gripper path (key G)';
    }
    const prev = this.shown?.attempt;
    if (prev && this.group.visible && Math.min(prev.track.pathLength, MAX_PATH_POINTS) !== this.pathWritten) this.world.redraw();
  }

  private build(spec: SceneSpec | null): void {
    for (const child of [...this.objects.children]) this.objects.remove(child);
    for (const d of this.disposables) d.dispose();
    this.disposables.length = 0;
    this.nodes.clear();
    this.nodeList.length = 0;
    this.pathTrack = null;
    this.pathWritten = 0;
    this.shown = null;
    this.scratch = spec ? scratchSnapshot(spec.objects.map((o) => o.id)) : null;
    if (!spec) return;
    for (const o of spec.objects) {
      const node = new THREE.Group();
      node.name = `ghost:${o.id}`;
      const color = new THREE.Color(COLOR_HEX[o.color]);
      const fill = new THREE.MeshLambertMaterial({ color, transparent: true, opacity: GHOST_OPACITY, depthWrite: false });
      const edge = new THREE.LineBasicMaterial({ color: color.clone().multiplyScalar(0.5), transparent: true, opacity: 0.9 });
      this.disposables.push(fill, edge);
      for (const part of objectGeometries(o)) {
        const edges = new THREE.EdgesGeometry(part.geometry);
        this.disposables.push(part.geometry, edges);
        const mesh = new THREE.Mesh(part.geometry, fill);
        const line = new THREE.LineSegments(edges, edge);
        mesh.position.set(...part.position);
        line.position.set(...part.position);
        node.add(mesh, line);
      }
      node.userData.id = o.id;
      this.nodes.set(o.id, node);
      this.nodeList.push(node);
      this.objects.add(node);
    }
  }

  /** Poses attempt k−1 at the moment matching the one on screen (an afterShow hook of the viewport). */
  private pose(s: Snapshot, track: MotionTrack | null): void {
    const a = attemptOf(this.store, track);
    const prev = a && a.index >= 1 ? (this.store.attempts[a.index - 1] ?? null) : null;
    this.group.visible = this.settings.get('ghost') && a !== null && prev !== null && this.scratch !== null && prev.track.end > 0;
    if (!this.group.visible || !a || !prev || !this.scratch) {
      this.shown = null;
      return;
    }
    const t = ghostTime(s.t, a.track.start, prev.track.start, prev.track.end);
    const g = prev.track.sampleInto(t, this.scratch);
    for (let i = 0; i < this.nodeList.length; i++) {
      const node = this.nodeList[i]!;
      const id = node.userData.id as string;
      const o = g.objects[id];
      // An object k−1 never had on record sits at the origin in the track: leave it out.
      node.visible = o !== undefined && prev.initial.objects[id] !== undefined;
      if (!o || !node.visible) continue;
      node.position.set(o.position[0], o.position[1], o.position[2]);
      node.quaternion.set(o.quaternion[0], o.quaternion[1], o.quaternion[2], o.quaternion[3]);
    }
    this.marker.position.set(g.gripper.position[0], g.gripper.position[1], g.gripper.position[2]);
    this.label.setText(`attempt ${prev.index}`);
    this.label.sprite.position.copy(this.marker.position);
    this.label.sprite.center.set(0.5, -this.label.lift / LABEL_PX);
    this.label.size(this.world.spriteScale(LABEL_PX));
    this.updatePath(prev.track, t);
    this.shown = { attempt: prev, t };
  }

  private updatePath(track: MotionTrack, t: number): void {
    const total = Math.min(track.pathLength, MAX_PATH_POINTS);
    if (track !== this.pathTrack || total !== this.pathWritten) {
      // The previous attempt has ended: its path is written whole, once (again only if it grew).
      this.pathTrack = track;
      for (let i = 0; i < total; i++) track.pathPoint(i, this.pathPositions, i * 3);
      this.pathAttr.clearUpdateRanges();
      this.pathAttr.needsUpdate = true;
      this.pathWritten = total;
    }
    this.path.geometry.setDrawRange(0, Math.min(track.pathCountAt(t), total));
  }

  /** For the tests: what the ghost draws now (null when it is off or there is no previous attempt). */
  state(): GhostState | null {
    if (!this.group.visible || !this.shown) return null;
    const objects: Record<string, Vec3> = {};
    for (const [id, node] of this.nodes) if (node.visible) objects[id] = [node.position.x, node.position.y, node.position.z];
    const m = this.marker.position;
    return {
      attempt: this.shown.attempt.index,
      t: this.shown.t,
      objects,
      pathPoints: this.path.geometry.drawRange.count,
      gripper: [m.x, m.y, m.z],
    };
  }
}
