// The perception settings (docs/architecture.md#perception): which mode answers a
// program's scene queries and how large the `noisy` mode's errors are. Plain constants and
// parsing only, so the CLI can import them at start-up without loading the physics.

export const PERCEPTION_MODES = ['exact', 'noisy', 'pixels'] as const;
export type PerceptionMode = (typeof PERCEPTION_MODES)[number];

/** σ of the `noisy` mode's errors. */
export interface PerceptionNoise {
  /** σ of the horizontal position error (m); z and sizes get a quarter of it. */
  position: number;
  /** σ of the yaw error (degrees). */
  yawDeg: number;
}

export const DEFAULT_PERCEPTION_NOISE: PerceptionNoise = { position: 0.01, yawDeg: 3 };

export interface PerceptionSettings {
  mode: PerceptionMode;
  /** Used by `noisy` only; default DEFAULT_PERCEPTION_NOISE. */
  noise?: PerceptionNoise;
}

/** "exact" → the mode; anything else → an Error naming the choices. */
export function parsePerceptionMode(text: string, where = '--perception'): PerceptionMode {
  if ((PERCEPTION_MODES as readonly string[]).includes(text)) return text as PerceptionMode;
  throw new Error(`${where} must be one of ${PERCEPTION_MODES.join(', ')}, got ${JSON.stringify(text)}`);
}

/** "0.01,3" (metres, degrees) → PerceptionNoise; a one-line Error says what is wrong. */
export function parsePerceptionNoise(text: string, where = '--perception-noise'): PerceptionNoise {
  const parts = text.split(',').map((p) => p.trim());
  if (parts.length !== 2 || parts.some((p) => p === '')) {
    throw new Error(`${where} must be "metres,degrees" such as "0.01,3" (1 cm, 3°), got ${JSON.stringify(text)}`);
  }
  const [m, deg] = parts.map(Number) as [number, number];
  if (!Number.isFinite(m) || m < 0 || m > 0.1) {
    throw new Error(`${where}: the position σ must be a number of metres from 0 to 0.1, got ${JSON.stringify(parts[0])}`);
  }
  if (!Number.isFinite(deg) || deg < 0 || deg > 45) {
    throw new Error(`${where}: the yaw σ must be a number of degrees from 0 to 45, got ${JSON.stringify(parts[1])}`);
  }
  return { position: m, yawDeg: deg };
}

/** "0.01,3": the form parsePerceptionNoise reads (for records and settings keys). */
export function formatPerceptionNoise(n: PerceptionNoise): string {
  return `${n.position},${n.yawDeg}`;
}

/** "exact", "pixels", "noisy 0.01,3": one string for a suite's settings key and reports. */
export function perceptionLabel(p: PerceptionSettings): string {
  return p.mode === 'noisy' ? `noisy ${formatPerceptionNoise(p.noise ?? DEFAULT_PERCEPTION_NOISE)}` : p.mode;
}

/** The inverse of perceptionLabel. */
export function parsePerceptionLabel(label: string): PerceptionSettings {
  const [mode, noise] = label.split(' ');
  const m = parsePerceptionMode(mode ?? '', 'perception');
  return m === 'noisy'
    ? { mode: m, noise: noise ? parsePerceptionNoise(noise, 'perception noise') : DEFAULT_PERCEPTION_NOISE }
    : { mode: m };
}
