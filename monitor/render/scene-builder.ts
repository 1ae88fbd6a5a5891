// World snapshot → three.js scene. The one scene description shared by the headless
// checkpoint renderer and the browser viewer (docs/architecture.md#imports): what the user sees is what the
// monitor sees. Runs in a browser page; imports nothing from Node.
//
// Build once per SceneSpec (buildSceneRig), then call rig.update(snapshot) for every
// frame: it only writes poses, it never allocates.

import * as THREE from 'three';
import { COLOR_HEX, GRIPPER, TABLE } from '../../sim/types.ts';
import type { GripperState, ObjectSpec, Quat, SceneSpec, Snapshot } from '../../sim/types.ts';
import { FINGER_SIZE, GRIPPER_POSE_FLOATS, PALM_SIZE, writeGripperPoses } from '../../sim/gripper-geometry.ts';
import { containerInterior } from '../../sim/object-geometry.ts';
import type { TrayInterior } from '../../sim/object-geometry.ts';
import { FLOOR_Z } from '../../sim/scene-bodies.ts';
import { DEPTH_UNIT, FIXED_LEGEND, ID_FLOOR, ID_GRIPPER, ID_TABLE, legendFor } from './id-legend.ts';
import { vertexLitMaterial } from './vertex-lit-material.ts';

export { DEPTH_UNIT, FIXED_LEGEND, ID_BACKGROUND, ID_FLOOR, ID_GRIPPER, ID_TABLE, legendFor } from './id-legend.ts';

/** Height of the table top above the floor (m); the physics floor is at FLOOR_Z. */
export const TABLE_HEIGHT = -FLOOR_Z;
export const TABLE_COLOR = 0xc9ad86;
export const FLOOR_COLOR = 0x8f9296;
export const SKY_COLOR = 0xdde4ec;
const PALM_COLOR = 0x454a52;
const FINGER_COLOR = 0x6c727c;

export type RenderPass = 'color' | 'ids';

export interface SceneRig {
  scene: THREE.Scene;
  /** Mask value → name: FIXED_LEGEND, then `zone:<id>` per zone, then each object id. */
  legend: string[];
  /** Object id → its node (origin at the bounding-box centre, as in the snapshot). */
  objects: Map<string, THREE.Object3D>;
  gripper: THREE.Group;
  sun: THREE.DirectionalLight;
  /** Writes the poses of one snapshot; objects missing from it are hidden. */
  update(snapshot: Snapshot): void;
  /** 'color': lit, shadowed materials. 'ids': packed (mask index, depth) output, see DEPTH_UNIT. */
  setPass(pass: RenderPass): void;
  dispose(): void;
}

// Scratch objects: update() runs once per rendered snapshot and must not allocate.
const _yaw = new THREE.Quaternion();
const _tilt = new THREE.Quaternion();
const _zAxis = new THREE.Vector3(0, 0, 1);
const _xAxis = new THREE.Vector3(1, 0, 0);
const _gripperQuat: Quat = [0, 0, 0, 1];
const _gripperPoses = new Float64Array(GRIPPER_POSE_FLOATS);

// The id pass writes exact integers into an RGBA8 target: the mask index (16 bits, in r
// and g) and the optical-axis depth in units of DEPTH_UNIT (16 bits, in b and a). No
// lighting, antialiasing, blending or colour management touches these values.
const ID_VERTEX = /* glsl */ `
varying float vDepth;
void main() {
  vec4 mv = modelViewMatrix * vec4(position, 1.0);
  vDepth = -mv.z;
  gl_Position = projectionMatrix * mv;
}`;
const ID_FRAGMENT = /* glsl */ `
uniform float uIdLo;
uniform float uIdHi;
varying float vDepth;
void main() {
  float q = clamp(floor(vDepth * ${(1 / DEPTH_UNIT).toFixed(1)} + 0.5), 1.0, 65535.0);
  float hi = floor(q / 256.0);
  gl_FragColor = vec4(uIdLo, uIdHi, q - hi * 256.0, hi) / 255.0;
}`;

interface MeshEntry {
  mesh: THREE.Mesh;
  color: THREE.Material;
  ids: THREE.ShaderMaterial;
}

function colorOf(hex: number): THREE.Color {
  return new THREE.Color(hex);
}

/** The parts of an object's shape, in its frame (origin at its bounding-box centre); also built by the viewer's ghosts (viewer/app/overlays.ts, attempt-ghost.ts). */
export function objectGeometries(o: ObjectSpec): { geometry: THREE.BufferGeometry; position: [number, number, number] }[] {
  const [sx, sy, sz] = o.size;
  switch (o.shape) {
    case 'box':
      return [{ geometry: new THREE.BoxGeometry(sx, sy, sz), position: [0, 0, 0] }];
    case 'cylinder':
      // three's cylinder axis is y; ours is z.
      return [{ geometry: new THREE.CylinderGeometry(sx / 2, sx / 2, sz, 40).rotateX(Math.PI / 2), position: [0, 0, 0] }];
    case 'sphere':
      return [{ geometry: new THREE.SphereGeometry(sx / 2, 36, 18), position: [0, 0, 0] }];
    case 'bowl': {
      // A straight-walled cup, like the physics collider (floor disc + wall ring).
      const inner = containerInterior(o)!;
      const R = sx / 2;
      const ri = R - inner.wall;
      const profile = [
        new THREE.Vector2(0, 0),
        new THREE.Vector2(R, 0),
        new THREE.Vector2(R, sz),
        new THREE.Vector2(ri, sz),
        new THREE.Vector2(ri, inner.floor),
        new THREE.Vector2(0, inner.floor),
      ];
      const g = new THREE.LatheGeometry(profile, 48).rotateX(Math.PI / 2).translate(0, 0, -sz / 2);
      return [{ geometry: g, position: [0, 0, 0] }];
    }
    case 'tray': {
      // Like the physics collider: the walls at ±x are wx thick, those at ±y wy (a hidden innerSize thickens them).
      const inner = containerInterior(o) as TrayInterior;
      const [wx, wy] = inner.walls;
      const f = inner.floor;
      const wallH = sz - f;
      const wallZ = f / 2;
      return [
        { geometry: new THREE.BoxGeometry(sx, sy, f), position: [0, 0, -sz / 2 + f / 2] },
        { geometry: new THREE.BoxGeometry(wx, sy, wallH), position: [-sx / 2 + wx / 2, 0, wallZ] },
        { geometry: new THREE.BoxGeometry(wx, sy, wallH), position: [sx / 2 - wx / 2, 0, wallZ] },
        { geometry: new THREE.BoxGeometry(sx - 2 * wx, wy, wallH), position: [0, -sy / 2 + wy / 2, wallZ] },
        { geometry: new THREE.BoxGeometry(sx - 2 * wx, wy, wallH), position: [0, sy / 2 - wy / 2, wallZ] },
      ];
    }
  }
}

export function buildSceneRig(spec: SceneSpec): SceneRig {
  const scene = new THREE.Scene();
  const sky = colorOf(SKY_COLOR);
  scene.background = sky;
  const legend = legendFor(spec);
  const entries: MeshEntry[] = [];
  const geometries: THREE.BufferGeometry[] = [];

  const addMesh = (
    parent: THREE.Object3D,
    geometry: THREE.BufferGeometry,
    color: THREE.Material,
    id: number,
    opts: { cast?: boolean; receive?: boolean } = {},
  ): THREE.Mesh => {
    const ids = new THREE.ShaderMaterial({
      vertexShader: ID_VERTEX,
      fragmentShader: ID_FRAGMENT,
      uniforms: { uIdLo: { value: id % 256 }, uIdHi: { value: Math.floor(id / 256) } },
      side: color.side,
    });
    const mesh = new THREE.Mesh(geometry, color);
    mesh.castShadow = opts.cast ?? true;
    mesh.receiveShadow = opts.receive ?? true;
    parent.add(mesh);
    entries.push({ mesh, color, ids });
    geometries.push(geometry);
    return mesh;
  };

  // Lights: a sky/ground fill and one shadow-casting sun from front-left, high up.
  // BasicShadowMap: under SwiftShader PCF maps came out without visible shadows.
  scene.add(new THREE.HemisphereLight(0xffffff, 0x8a8070, 1.4));
  const sun = new THREE.DirectionalLight(0xffffff, 2.2);
  sun.position.set(-0.6, -0.5, 1.6);
  sun.target.position.set(0, 0, 0);
  sun.castShadow = true;
  sun.shadow.mapSize.set(1024, 1024);
  const cam = sun.shadow.camera;
  cam.left = -0.75;
  cam.right = 0.75;
  cam.top = 0.75;
  cam.bottom = -0.75;
  cam.near = 0.5;
  cam.far = 4;
  sun.shadow.bias = -0.002;
  sun.shadow.normalBias = 0.002;
  scene.add(sun, sun.target);

  // Table top (its upper face is z = 0), legs, floor.
  // Vertex-lit materials: per-fragment lighting is what limits SwiftShader (vertex-lit-material.ts).
  const tableMat = vertexLitMaterial(colorOf(TABLE_COLOR));
  const [tx, ty] = TABLE.size;
  const top = addMesh(scene, new THREE.BoxGeometry(tx, ty, TABLE.thickness), tableMat, ID_TABLE, { cast: false });
  top.position.set(0, 0, -TABLE.thickness / 2);
  const legH = TABLE_HEIGHT - TABLE.thickness;
  for (const sxn of [-1, 1])
    for (const syn of [-1, 1]) {
      const leg = addMesh(scene, new THREE.BoxGeometry(0.05, 0.05, legH), tableMat, ID_TABLE, { receive: false });
      leg.position.set(sxn * (tx / 2 - 0.06), syn * (ty / 2 - 0.06), -TABLE.thickness - legH / 2);
    }
  // The floor is background: unlit and unshadowed is much cheaper under SwiftShader.
  const floorMat = new THREE.MeshBasicMaterial({ color: colorOf(FLOOR_COLOR) });
  const floor = addMesh(scene, new THREE.PlaneGeometry(8, 8), floorMat, ID_FLOOR, { cast: false, receive: false });
  floor.position.set(0, 0, -TABLE_HEIGHT);

  // Zones: flat marks on the table, tinted toward their colour.
  spec.zones.forEach((z, i) => {
    const tint = colorOf(TABLE_COLOR).lerp(colorOf(COLOR_HEX[z.color]), 0.55);
    const mat = vertexLitMaterial(tint);
    mat.polygonOffset = true;
    mat.polygonOffsetFactor = -2;
    mat.polygonOffsetUnits = -2;
    const w = z.max[0] - z.min[0];
    const h = z.max[1] - z.min[1];
    const m = addMesh(scene, new THREE.PlaneGeometry(w, h), mat, FIXED_LEGEND.length + i, { cast: false });
    m.position.set((z.min[0] + z.max[0]) / 2, (z.min[1] + z.max[1]) / 2, 0.0005);
  });

  // Objects: one node per object, origin at the bounding-box centre.
  const objects = new Map<string, THREE.Object3D>();
  const firstObjectId = FIXED_LEGEND.length + spec.zones.length;
  spec.objects.forEach((o, i) => {
    const node = new THREE.Group();
    node.name = o.id;
    const mat = vertexLitMaterial(colorOf(COLOR_HEX[o.color]));
    for (const part of objectGeometries(o)) {
      const m = addMesh(node, part.geometry, mat, firstObjectId + i);
      m.position.set(...part.position);
    }
    node.position.set(...o.position);
    node.quaternion.setFromAxisAngle(_zAxis, o.yaw);
    objects.set(o.id, node);
    scene.add(node);
  });

  // Gripper: palm and two fingers posed by sim/gripper-geometry.ts, the same boxes the
  // physics moves, so picture and physics agree.
  const gripper = new THREE.Group();
  gripper.name = 'gripper';
  const palmMat = vertexLitMaterial(colorOf(PALM_COLOR));
  const fingerMat = vertexLitMaterial(colorOf(FINGER_COLOR));
  const parts = [
    addMesh(gripper, new THREE.BoxGeometry(...PALM_SIZE), palmMat, ID_GRIPPER),
    ...[0, 1].map(() => addMesh(gripper, new THREE.BoxGeometry(...FINGER_SIZE), fingerMat, ID_GRIPPER)),
  ];
  scene.add(gripper);

  const placeGripper = (g: GripperState): void => {
    _yaw.setFromAxisAngle(_zAxis, g.yaw);
    if (g.approach === 'side') _yaw.multiply(_tilt.setFromAxisAngle(_xAxis, Math.PI / 2));
    _gripperQuat[0] = _yaw.x;
    _gripperQuat[1] = _yaw.y;
    _gripperQuat[2] = _yaw.z;
    _gripperQuat[3] = _yaw.w;
    const width = Math.min(Math.max(g.width, 0), GRIPPER.maxOpening);
    writeGripperPoses(g.position, _gripperQuat, width, _gripperPoses);
    for (let i = 0; i < 3; i++) {
      const o = i * 7;
      const m = parts[i]!;
      m.position.set(_gripperPoses[o]!, _gripperPoses[o + 1]!, _gripperPoses[o + 2]!);
      m.quaternion.set(_gripperPoses[o + 3]!, _gripperPoses[o + 4]!, _gripperPoses[o + 5]!, _gripperPoses[o + 6]!);
    }
  };
  placeGripper({ position: [...TABLE.home], yaw: 0, approach: 'top', width: GRIPPER.maxOpening, holding: null });

  const update = (snapshot: Snapshot): void => {
    for (const [id, node] of objects) {
      const s = snapshot.objects[id];
      node.visible = s !== undefined;
      if (!s) continue;
      node.position.set(s.position[0], s.position[1], s.position[2]);
      node.quaternion.set(s.quaternion[0], s.quaternion[1], s.quaternion[2], s.quaternion[3]);
    }
    placeGripper(snapshot.gripper);
  };

  let pass: RenderPass = 'color';
  const setPass = (next: RenderPass): void => {
    if (next === pass) return;
    pass = next;
    for (const e of entries) e.mesh.material = next === 'color' ? e.color : e.ids;
    scene.background = next === 'color' ? sky : null;
  };

  const dispose = (): void => {
    const mats = new Set<THREE.Material>();
    for (const e of entries) {
      mats.add(e.color);
      mats.add(e.ids);
    }
    for (const m of mats) m.dispose();
    for (const g of new Set(geometries)) g.dispose();
    sun.shadow.map?.dispose();
  };

  return { scene, legend, objects, gripper, sun, update, setPass, dispose };
}
