// The monitor's camera passes in a page: a WebGL renderer set up as the checkpoint
// renderer's, a camera at one of VIEWS, and the id/depth pass read back. Shared by the
// headless renderer's page (page-entry.ts) and the viewer's monitor panel
// (viewer/app/monitor-panel.ts), so the panel draws what the monitor sees, pixel for pixel.

import * as THREE from 'three';
import { FAR, NEAR, VIEWS } from './camera-views.ts';
import type { ViewName } from './camera-views.ts';
import { DEPTH_UNIT, ID_BACKGROUND } from './id-legend.ts';
import type { SceneRig } from './scene-builder.ts';

/** A renderer as the monitor's: no MSAA, pixel ratio 1, basic shadows rendered on demand. */
export function createMonitorRenderer(canvas: HTMLCanvasElement): THREE.WebGLRenderer {
  // No MSAA: under SwiftShader it costs about as much as the whole lit render.
  const renderer = new THREE.WebGLRenderer({ canvas, antialias: false, preserveDrawingBuffer: true });
  renderer.setPixelRatio(1);
  renderer.shadowMap.enabled = true;
  renderer.shadowMap.type = THREE.BasicShadowMap;
  // Shadows depend on the snapshot, not the view: render the map once per snapshot (shadowMap.needsUpdate).
  renderer.shadowMap.autoUpdate = false;
  return renderer;
}

/** The target the id pass renders into: exact bytes, no filtering, no colour management. */
export function createIdTarget(width: number, height: number): THREE.WebGLRenderTarget {
  return new THREE.WebGLRenderTarget(width, height, {
    type: THREE.UnsignedByteType,
    format: THREE.RGBAFormat,
    depthBuffer: true,
    samples: 0,
    minFilter: THREE.NearestFilter,
    magFilter: THREE.NearestFilter,
    colorSpace: THREE.NoColorSpace,
  });
}

/** Poses `cam` as the monitor's camera `view` for a width × height image. */
export function placeViewCamera(cam: THREE.PerspectiveCamera, view: ViewName, width: number, height: number): THREE.PerspectiveCamera {
  const v = VIEWS[view];
  cam.fov = v.fovY;
  cam.aspect = width / height;
  cam.near = NEAR;
  cam.far = FAR;
  cam.position.set(...v.position);
  cam.up.set(...v.up);
  cam.lookAt(v.target[0], v.target[1], v.target[2]);
  cam.updateProjectionMatrix();
  cam.updateMatrixWorld();
  return cam;
}

/** Renders the rig's id pass (mask index, depth; see scene-builder.ts) into `target`, then puts the colour pass back. */
export function renderIdPass(r: THREE.WebGLRenderer, rig: SceneRig, cam: THREE.Camera, target: THREE.WebGLRenderTarget): void {
  rig.setPass('ids');
  r.setRenderTarget(target);
  r.setClearColor(0x000000, 0);
  r.clear();
  r.render(rig.scene, cam);
  r.setRenderTarget(null);
  rig.setPass('color');
}

/** The id target's RGBA bytes as GL keeps them (rows from the bottom). */
export function readIdTarget(
  r: THREE.WebGLRenderer,
  target: THREE.WebGLRenderTarget,
  out: Uint8Array = new Uint8Array(target.width * target.height * 4),
): Uint8Array {
  r.readRenderTargetPixels(target, 0, 0, target.width, target.height, out);
  return out;
}

/**
 * Decodes readIdTarget's bytes into mask values and depths (m), rows from the top, as the
 * headless renderer hands them to Node: depth Infinity where nothing was hit.
 */
export function decodeIdDepth(px: Uint8Array, width: number, height: number, ids: Uint16Array, depth: Float32Array): void {
  for (let row = 0; row < height; row++) {
    // GL rows start at the bottom; images start at the top.
    let src = (height - 1 - row) * width * 4;
    for (let x = 0, i = row * width; x < width; x++, i++, src += 4) {
      const id = px[src]! | (px[src + 1]! << 8);
      const d = px[src + 2]! | (px[src + 3]! << 8);
      ids[i] = id;
      depth[i] = id === ID_BACKGROUND || d === 0 ? Infinity : d * DEPTH_UNIT;
    }
  }
}
