// The scene as the prompt states it: one line per object (id, colour, shape, size in cm,
// centre position, yaw, and the named point a program most often needs — `top`, or
// `inside` for containers) and one line per zone. Compact on purpose: every token here
// is paid on every attempt of every episode.

import { namedPoint } from '../../../sim/index.ts';
import type { ObjectInfo, ObjectSpec, Quat, SceneSpec, Vec3, ZoneSpec } from '../../../sim/index.ts';

export interface SceneFactsInput {
  scene: SceneSpec;
  /** The objects as getObjects() reports them at the start; falls back to the scene's specs. */
  objects: readonly ObjectInfo[];
}

/** "[0.120, -0.050, 0.020]": millimetre resolution is what a grasp needs. */
export function formatPosition(p: readonly number[]): string {
  return `[${p.map((v) => (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3)).join(', ')}]`;
}

function cm(metres: number): string {
  return `${Number((metres * 100).toFixed(1))}`;
}

/** "4×4×4 cm", "Ø5×8 cm" (round shapes: diameter × height), "Ø4 cm" (spheres). */
export function formatSize(shape: ObjectSpec['shape'], size: readonly number[]): string {
  const [x, y, z] = size as Vec3;
  if (shape === 'sphere') return `Ø${cm(x)} cm`;
  if (shape === 'cylinder' || shape === 'bowl') return `Ø${cm(x)}×${cm(z)} cm`;
  return `${cm(x)}×${cm(y)}×${cm(z)} cm`;
}

function yawQuat(yaw: number): Quat {
  return [0, 0, Math.sin(yaw / 2), Math.cos(yaw / 2)];
}

function objectLine(info: ObjectInfo, spec: ObjectSpec | undefined): string {
  const round = info.shape === 'sphere' || info.shape === 'cylinder' || info.shape === 'bowl';
  const yaw = round || Math.abs(info.yaw) < 0.005 ? '' : `, yaw ${info.yaw.toFixed(2)}`;
  const container = info.shape === 'bowl' || info.shape === 'tray';
  const pose = { position: info.position, quaternion: yawQuat(info.yaw) };
  const base: ObjectSpec = spec ?? { ...info, mass: 0, friction: 0 };
  const pointName = container ? 'inside' : 'top';
  const point = namedPoint({ ...base, size: info.size }, pose, pointName);
  const named = point ? `; ${pointName} ${formatPosition(point)}` : '';
  return `- ${info.id}: ${info.color} ${info.shape} ${formatSize(info.shape, info.size)} at ${formatPosition(info.position)}${yaw}${named}`;
}

function zoneLine(z: ZoneSpec): string {
  const cx = (z.min[0] + z.max[0]) / 2;
  const cy = (z.min[1] + z.max[1]) / 2;
  return `- ${z.id}: ${z.color} area x ${z.min[0].toFixed(3)}…${z.max[0].toFixed(3)}, y ${z.min[1].toFixed(3)}…${z.max[1].toFixed(3)} (centre ${formatPosition([cx, cy])})`;
}

/** The scene section of a prompt (without a heading). */
export function renderSceneFacts(input: SceneFactsInput): string {
  const specs = new Map(input.scene.objects.map((o) => [o.id, o]));
  const infos: ObjectInfo[] =
    input.objects.length > 0
      ? [...input.objects]
      : input.scene.objects.map(({ id, shape, color, size, position, yaw }) => ({ id, shape, color, size, position, yaw }));
  const lines = infos.map((o) => objectLine(o, specs.get(o.id)));
  if (input.scene.zones.length > 0) {
    lines.push('Zones (flat marked areas on the table, no collider):');
    lines.push(...input.scene.zones.map(zoneLine));
  }
  return lines.join('\n');
}
