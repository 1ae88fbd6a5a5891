// The settings that make episodes comparable. A results file holds one settings set only.
import { createHash } from 'node:crypto';

export interface SuiteSettings {
  provider: string;
  model: string;
  vlmModel: string | null;
  monitor: string;
  maxRepairs: number;
  engine: string;
  oracle: boolean;
  /** σ (m) of the error in the scene facts given to programmers. */
  sceneNoise: number;
}

const KEYS: (keyof SuiteSettings)[] = ['provider', 'model', 'vlmModel', 'monitor', 'maxRepairs', 'engine', 'oracle', 'sceneNoise'];

export function settingsKey(s: SuiteSettings): string {
  const canonical = JSON.stringify(KEYS.map((k) => [k, s[k]]));
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** "monitor: state vs pixels; maxRepairs: 3 vs 1" — what differs, for the refusal message. */
export function describeSettingsDifference(a: SuiteSettings, b: SuiteSettings): string {
  return KEYS.filter((k) => a[k] !== b[k])
    .map((k) => `${k}: ${String(a[k])} vs ${String(b[k])}`)
    .join('; ');
}

export function pickSettings(x: SuiteSettings): SuiteSettings {
  return Object.fromEntries(KEYS.map((k) => [k, x[k]])) as unknown as SuiteSettings;
}
