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
  /** What programs perceive: perceptionLabel() — "exact", "pixels" or "noisy 0.01,3" (policy/program/perception-settings.ts). */
  perception: string;
  /**
   * `suite --corrector simulated`: each episode is a correction session driven by the
   * SimulatedCorrector (no automatic repairs; maxRepairs is 0). Absent for the repair loop.
   */
  corrector?: 'simulated';
  /** With `corrector`: the most corrections one episode gets (`--max-corrections`). */
  maxCorrections?: number;
  /**
   * The knowledge base the episodes retrieve from, as its content's fingerprint (`12
   * entries, 3f9c…`: knowledgeFingerprint), so a resumed suite refuses a knowledge base
   * that changed in between. Absent when it is off or empty (no entries: nothing to retrieve).
   */
  knowledge?: string;
}

const KEYS: (keyof SuiteSettings)[] = ['provider', 'model', 'vlmModel', 'monitor', 'maxRepairs', 'engine', 'oracle', 'perception'];
/** Keys that count only when set, so results files written before them keep their settings keys. */
const OPTIONAL_KEYS: (keyof SuiteSettings)[] = ['corrector', 'maxCorrections', 'knowledge'];

/**
 * The key that makes episodes comparable: the settings, and — for one episode's row — the
 * version of its task (TaskDef.hash), so a row of an older version of a task never counts
 * as done for the current one (results-file.ts `resumableEpisodes`).
 */
export function settingsKey(s: SuiteSettings, taskHash?: string): string {
  const canonical = JSON.stringify([
    ...KEYS.map((k) => [k, s[k]]),
    ...OPTIONAL_KEYS.filter((k) => s[k] !== undefined && s[k] !== null).map((k) => [k, s[k]]),
    ...(taskHash === undefined ? [] : [['taskHash', taskHash]]),
  ]);
  return createHash('sha256').update(canonical).digest('hex').slice(0, 12);
}

/** "monitor: state vs pixels; maxRepairs: 3 vs 1" — what differs, for the refusal message. */
export function describeSettingsDifference(a: SuiteSettings, b: SuiteSettings): string {
  return [...KEYS, ...OPTIONAL_KEYS]
    .filter((k) => (a[k] ?? null) !== (b[k] ?? null))
    .map((k) => `${k}: ${String(a[k])} vs ${String(b[k])}`)
    .join('; ');
}

export function pickSettings(x: SuiteSettings): SuiteSettings {
  return Object.fromEntries(
    [...KEYS, ...OPTIONAL_KEYS].filter((k) => x[k] !== undefined).map((k) => [k, x[k]]),
  ) as unknown as SuiteSettings;
}
