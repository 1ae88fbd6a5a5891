// Checkpoint thumbnails drawn in the page from the checkpoint snapshots, with the same
// scene builder and the same front camera the monitor's renderer uses — for runs that
// recorded no checkpoint images (and while an attempt is still running).

import * as THREE from 'three';
import { buildSceneRig } from '../../monitor/render/scene-builder.ts';
import type { SceneRig } from '../../monitor/render/scene-builder.ts';
import { FAR, NEAR, VIEWS } from '../../monitor/render/camera-views.ts';
import type { SceneSpec, Snapshot } from '../../sim/types.ts';

const WIDTH = 332;
const HEIGHT = 248;

export class ThumbnailRenderer {
  private renderer: THREE.WebGLRenderer | null = null;
  private rig: SceneRig | null = null;
  private spec: SceneSpec | null = null;
  private readonly camera: THREE.PerspectiveCamera;

  constructor() {
    const v = VIEWS.front;
    this.camera = new THREE.PerspectiveCamera(v.fovY, WIDTH / HEIGHT, NEAR, FAR);
    this.camera.up.set(...v.up);
    this.camera.position.set(...v.position);
    this.camera.lookAt(v.target[0], v.target[1], v.target[2]);
    this.camera.updateMatrixWorld();
  }

  setScene(spec: SceneSpec | null): void {
    if (spec === this.spec) return;
    this.rig?.dispose();
    this.rig = null;
    this.spec = spec;
  }

  /** A PNG data URL of `snapshot` seen from the front camera; null without a scene. */
  render(snapshot: Snapshot): string | null {
    if (!this.spec) return null;
    if (!this.renderer) {
      this.renderer = new THREE.WebGLRenderer({ antialias: true, preserveDrawingBuffer: true });
      this.renderer.setPixelRatio(1);
      this.renderer.setSize(WIDTH, HEIGHT, false);
      this.renderer.shadowMap.enabled = true;
      this.renderer.shadowMap.type = THREE.BasicShadowMap;
    }
    this.rig ??= buildSceneRig(this.spec);
    this.rig.update(snapshot);
    this.renderer.render(this.rig.scene, this.camera);
    return this.renderer.domElement.toDataURL('image/png');
  }
}
