// The 3D scene: the shared scene builder (monitor/render/scene-builder.ts — the very
// scene the monitor's renderer draws), orbit controls, and the gripper's path of the
// attempt on screen as a line. Renders on demand: only when the world or the camera
// moved. The camera: the monitor's front/top/side poses as presets, a reset, following
// the gripper, and limits that keep it above the table and near it (camera-presets.ts).
// Overlays (overlays.ts, attempt-ghost.ts) live in one group of the scene and hook into
// scene changes and into every moment shown, so they draw with the world, on demand.

import * as THREE from 'three';
import { OrbitControls } from 'three/addons/controls/OrbitControls.js';
import { buildSceneRig } from '../../monitor/render/scene-builder.ts';
import type { SceneRig } from '../../monitor/render/scene-builder.ts';
import type { SceneSpec, Snapshot, Vec3 } from '../../sim/types.ts';
import type { MotionTrack } from '../motion-track.ts';
import { CAMERA_LIMITS, clampTarget, defaultPose, presetPose } from './camera-presets.ts';
import type { CameraPose, PresetName } from './camera-presets.ts';

/** Longest gripper path drawn (keys); a 60 s attempt at 60 frames/s is 3600. */
const MAX_PATH_POINTS = 1 << 15;
const PATH_COLOR = 0xff6a00;

/**
 * Whether WebGL runs on a CPU rasteriser (SwiftShader, llvmpipe: headless Chromium, a VM
 * without a GPU), from a throwaway context's unmasked renderer name. There a frame's cost is
 * pixel fill, so the view drops multisampling and draws at one pixel per CSS pixel.
 */
export function softwareWebGL(): boolean {
  try {
    const gl = document.createElement('canvas').getContext('webgl2') ?? document.createElement('canvas').getContext('webgl');
    if (!gl) return false;
    const info = gl.getExtension('WEBGL_debug_renderer_info');
    const name = String(info ? gl.getParameter(info.UNMASKED_RENDERER_WEBGL) : gl.getParameter(gl.RENDERER));
    gl.getExtension('WEBGL_lose_context')?.loseContext();
    return /swiftshader|llvmpipe|softpipe|software/i.test(name);
  } catch {
    return false;
  }
}

// Scratch: canvas sizing runs every animation frame and must not allocate.
const _size = new THREE.Vector2();

export interface CanvasStats {
  width: number;
  height: number;
  /** Distinct colours among a grid of sampled pixels. */
  distinctColors: number;
  /** Spread of luminance across the sampled pixels (0..255). */
  lumaRange: number;
}

/** Where the camera is, for the corner buttons and the tests. */
export interface CameraState {
  position: Vec3;
  target: Vec3;
  fovY: number;
  /** Angle from straight down at the target (degrees). */
  polarDeg: number;
  distance: number;
  /** The preset last applied, until the camera moves ('default' after Reset). */
  preset: PresetName | 'default' | null;
  follow: boolean;
}

export class SceneViewport {
  readonly renderer: THREE.WebGLRenderer;
  readonly camera: THREE.PerspectiveCamera;
  readonly controls: OrbitControls;
  private rig: SceneRig | null = null;
  private readonly path: THREE.Line;
  private readonly pathPositions = new Float32Array(MAX_PATH_POINTS * 3);
  private readonly pathAttr: THREE.BufferAttribute;
  private pathTrack: MotionTrack | null = null;
  private pathWritten = 0;
  private dirty = true;
  private preset: PresetName | 'default' | null = 'default';
  private following = false;
  private lastGripper: Vec3 | null = null;
  /** Set while the camera is placed from code, so the 'change' it fires keeps the preset name. */
  private placing = false;
  /** Called when the camera state changes (preset, follow, moved by the user). */
  onCameraChange: (() => void) | null = null;
  /** The overlays (overlays.ts, attempt-ghost.ts): one group kept across scenes, drawn with the world. */
  readonly overlays = new THREE.Group();
  private spec: SceneSpec | null = null;
  private lastSnapshot: Snapshot | null = null;
  private lastTrack: MotionTrack | null = null;
  private readonly sceneHooks: ((spec: SceneSpec | null) => void)[] = [];
  private readonly showHooks: ((snapshot: Snapshot, track: MotionTrack | null) => void)[] = [];
  private readonly renderHooks: (() => void)[] = [];

  /** WebGL on a CPU rasteriser: no multisampling, pixel ratio 1 (softwareWebGL). */
  readonly software: boolean;
  private readonly container: HTMLElement;
  constructor(container: HTMLElement) {
    this.container = container;
    this.software = softwareWebGL();
    this.renderer = new THREE.WebGLRenderer({ antialias: !this.software });
    this.renderer.setPixelRatio(this.software ? 1 : Math.min(window.devicePixelRatio || 1, 2));
    this.renderer.shadowMap.enabled = true;
    this.renderer.shadowMap.type = THREE.PCFShadowMap;
    container.appendChild(this.renderer.domElement);

    const pose = defaultPose();
    this.camera = new THREE.PerspectiveCamera(pose.fovY, 1, 0.02, 30);
    // z is up in the world (docs/architecture.md#world-conventions); OrbitControls orbits about camera.up.
    this.camera.up.set(0, 0, 1);
    this.controls = new OrbitControls(this.camera, this.renderer.domElement);
    this.controls.enableDamping = true;
    this.controls.minDistance = CAMERA_LIMITS.minDistance;
    this.controls.maxDistance = CAMERA_LIMITS.maxDistance;
    this.controls.maxPolarAngle = (CAMERA_LIMITS.maxPolarDeg * Math.PI) / 180;
    this.controls.addEventListener('change', () => {
      this.dirty = true;
      this.clampTarget();
      if (!this.placing && this.preset !== null) {
        this.preset = null;
        this.onCameraChange?.();
      }
    });
    this.place(pose);

    const geometry = new THREE.BufferGeometry();
    this.pathAttr = new THREE.BufferAttribute(this.pathPositions, 3);
    this.pathAttr.setUsage(THREE.DynamicDrawUsage);
    geometry.setAttribute('position', this.pathAttr);
    geometry.setDrawRange(0, 0);
    this.path = new THREE.Line(geometry, new THREE.LineBasicMaterial({ color: PATH_COLOR }));
    this.path.frustumCulled = false;
    this.path.name = 'gripper-path';
    this.overlays.name = 'overlays';
  }

  setScene(spec: SceneSpec | null): void {
    if (this.rig) {
      this.rig.scene.remove(this.path, this.overlays);
      this.rig.dispose();
      this.rig = null;
    }
    this.pathTrack = null;
    this.pathWritten = 0;
    this.spec = spec;
    this.lastSnapshot = null;
    this.lastTrack = null;
    if (spec) {
      this.rig = buildSceneRig(spec);
      this.rig.scene.add(this.path, this.overlays);
    }
    for (const hook of this.sceneHooks) hook(spec);
    this.dirty = true;
  }

  /** The scene on screen (null before one is shown). */
  get sceneSpec(): SceneSpec | null {
    return this.spec;
  }

  /** Calls `hook` whenever a new scene replaces the one on screen (overlays rebuild their per-object parts). */
  onSceneChange(hook: (spec: SceneSpec | null) => void): void {
    this.sceneHooks.push(hook);
  }

  /** Calls `hook` after the world is posed at a moment (`track` null for a task preview), before it is drawn. */
  afterShow(hook: (snapshot: Snapshot, track: MotionTrack | null) => void): void {
    this.showHooks.push(hook);
  }

  /** Calls `hook` right before each render, the camera's matrices current (labels lay themselves out on screen). */
  beforeRender(hook: () => void): void {
    this.renderHooks.push(hook);
  }

  /** Runs the afterShow hooks again on the moment on screen and draws it (an overlay was switched, its data changed). */
  redraw(): void {
    if (this.rig && this.lastSnapshot) for (const hook of this.showHooks) hook(this.lastSnapshot, this.lastTrack);
    this.dirty = true;
  }

  /** The scale of a sprite with sizeAttenuation off that makes it `px` CSS pixels tall on this canvas. */
  spriteScale(px: number): number {
    const h = this.container.clientHeight || 1;
    return (2 * px * Math.tan((this.camera.fov * Math.PI) / 360)) / h;
  }

  /** Poses the world as in `snapshot` and draws the path of `track` up to its time. */
  show(snapshot: Snapshot, track: MotionTrack | null): void {
    if (!this.rig) return;
    this.rig.update(snapshot);
    this.updatePath(track, snapshot.t);
    this.lastSnapshot = snapshot;
    this.lastTrack = track;
    for (const hook of this.showHooks) hook(snapshot, track);
    this.lastGripper = [...snapshot.gripper.position];
    if (this.following) this.aimAt(this.lastGripper);
    this.dirty = true;
  }

  /** Puts the camera at one of the monitor's cameras (front, top, side). */
  setPreset(name: PresetName): void {
    this.following = false;
    this.place(presetPose(name));
    this.preset = name;
    this.onCameraChange?.();
  }

  /** Back to the view the page opened with. */
  resetCamera(): void {
    this.following = false;
    this.place(defaultPose());
    this.preset = 'default';
    this.onCameraChange?.();
  }

  get follow(): boolean {
    return this.following;
  }

  /** Follow the gripper: the orbit target moves with it (the camera keeps its angle and distance). */
  setFollow(on: boolean): void {
    if (on === this.following) return;
    this.following = on;
    if (on && this.lastGripper) this.aimAt(this.lastGripper);
    this.onCameraChange?.();
  }

  cameraState(): CameraState {
    const p = this.camera.position;
    const t = this.controls.target;
    const d = p.distanceTo(t);
    const polar = Math.acos(Math.min(Math.max((p.z - t.z) / Math.max(d, 1e-9), -1), 1));
    return {
      position: [p.x, p.y, p.z],
      target: [t.x, t.y, t.z],
      fovY: this.camera.fov,
      polarDeg: (polar * 180) / Math.PI,
      distance: d,
      preset: this.preset,
      follow: this.following,
    };
  }

  /** Sets the pose exactly, dropping any motion the controls' damping still had to apply. */
  private place(pose: CameraPose): void {
    this.placing = true;
    this.controls.enableDamping = false;
    this.controls.update();
    this.camera.position.set(...pose.position);
    this.controls.target.set(...pose.target);
    if (this.camera.fov !== pose.fovY) {
      this.camera.fov = pose.fovY;
      this.camera.updateProjectionMatrix();
      this.redraw();
    }
    this.controls.update();
    this.controls.enableDamping = true;
    this.placing = false;
    this.dirty = true;
  }

  /** Moves the orbit target to `p` (clamped), the camera with it. */
  private aimAt(p: Vec3): void {
    const to = clampTarget(p);
    const t = this.controls.target;
    const dx = to[0] - t.x;
    const dy = to[1] - t.y;
    const dz = to[2] - t.z;
    if (dx === 0 && dy === 0 && dz === 0) return;
    t.set(to[0], to[1], to[2]);
    this.camera.position.x += dx;
    this.camera.position.y += dy;
    this.camera.position.z += dz;
    this.camera.lookAt(t);
    this.dirty = true;
  }

  /** Keeps the orbit target over the table (a pan cannot carry the view away), moving the camera with it. */
  private clampTarget(): void {
    const t = this.controls.target;
    const c = clampTarget([t.x, t.y, t.z]);
    if (c[0] === t.x && c[1] === t.y && c[2] === t.z) return;
    this.camera.position.x += c[0] - t.x;
    this.camera.position.y += c[1] - t.y;
    this.camera.position.z += c[2] - t.z;
    t.set(c[0], c[1], c[2]);
    this.camera.lookAt(t);
  }

  private updatePath(track: MotionTrack | null, t: number): void {
    const geometry = this.path.geometry;
    if (track !== this.pathTrack) {
      this.pathTrack = track;
      this.pathWritten = 0;
    }
    if (!track) {
      geometry.setDrawRange(0, 0);
      return;
    }
    const total = Math.min(track.pathLength, MAX_PATH_POINTS);
    const from = Math.min(this.pathWritten, track.consumePathEdits());
    if (from < total) {
      for (let i = from; i < total; i++) track.pathPoint(i, this.pathPositions, i * 3);
      this.pathAttr.clearUpdateRanges();
      this.pathAttr.addUpdateRange(from * 3, (total - from) * 3);
      this.pathAttr.needsUpdate = true;
      this.pathWritten = total;
    }
    geometry.setDrawRange(0, Math.min(track.pathCountAt(t), total));
  }

  private resize(): void {
    const w = this.container.clientWidth;
    const h = this.container.clientHeight;
    this.renderer.getSize(_size);
    if (w > 0 && h > 0 && (w !== _size.x || h !== _size.y)) {
      this.renderer.setSize(w, h, false);
      this.camera.aspect = w / h;
      this.camera.updateProjectionMatrix();
      // Labels keep their size in pixels: their hooks rescale them.
      this.redraw();
    }
  }

  private runRenderHooks(): void {
    if (this.renderHooks.length === 0) return;
    this.camera.updateMatrixWorld();
    for (const hook of this.renderHooks) hook();
  }

  /** Called every animation frame. */
  frame(): void {
    this.resize();
    this.controls.update();
    if (!this.dirty || !this.rig) return;
    this.dirty = false;
    this.runRenderHooks();
    this.renderer.render(this.rig.scene, this.camera);
  }

  /** Renders now and samples the canvas in the same task (no preserveDrawingBuffer needed). Used by the tests. */
  stats(): CanvasStats {
    this.resize();
    if (this.rig) {
      this.runRenderHooks();
      this.renderer.render(this.rig.scene, this.camera);
    }
    const gl = this.renderer.getContext();
    const w = gl.drawingBufferWidth;
    const h = gl.drawingBufferHeight;
    const px = new Uint8Array(w * h * 4);
    gl.readPixels(0, 0, w, h, gl.RGBA, gl.UNSIGNED_BYTE, px);
    const colors = new Set<number>();
    let lo = 255;
    let hi = 0;
    for (let y = 0; y < 48; y++) {
      for (let x = 0; x < 64; x++) {
        const i = (Math.floor(((y + 0.5) * h) / 48) * w + Math.floor(((x + 0.5) * w) / 64)) * 4;
        colors.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
        const luma = 0.299 * px[i]! + 0.587 * px[i + 1]! + 0.114 * px[i + 2]!;
        lo = Math.min(lo, luma);
        hi = Math.max(hi, luma);
      }
    }
    return { width: w, height: h, distinctColors: colors.size, lumaRange: Math.round(hi - lo) };
  }

  /** Renders now and returns every pixel of the drawing buffer (RGBA, bottom row first). For the tests that compare pictures. */
  readPixels(): Uint8Array {
    this.resize();
    if (this.rig) {
      this.runRenderHooks();
      this.renderer.render(this.rig.scene, this.camera);
    }
    const gl = this.renderer.getContext();
    const px = new Uint8Array(gl.drawingBufferWidth * gl.drawingBufferHeight * 4);
    gl.readPixels(0, 0, gl.drawingBufferWidth, gl.drawingBufferHeight, gl.RGBA, gl.UNSIGNED_BYTE, px);
    return px;
  }

  /** Draws the world now at the renderer's current size, whatever moved (the video export, video-export.ts, copies each frame). */
  renderNow(): void {
    this.dirty = false;
    if (this.rig) {
      this.runRenderHooks();
      this.renderer.render(this.rig.scene, this.camera);
    }
  }
}
