// Where an OpenAI-compatible model lives, from flags first, then the environment
// (docs/architecture.md#command-line): OPENAI_BASE_URL, OPENAI_API_KEY, POLICYLOOP_MODEL, POLICYLOOP_VLM_MODEL,
// POLICYLOOP_MODEL_TIMEOUT (seconds; what `--timeout` sets).
import { ModelError } from './chat-model.ts';

export const OPENAI_BASE_URL = 'https://api.openai.com/v1';
/** Used only against api.openai.com when no model is named: cheap, vision-capable, structured outputs. */
export const DEFAULT_OPENAI_MODEL = 'gpt-4o-mini';
/**
 * Sent as the bearer token to a local server (Ollama, vLLM, llama.cpp, LM Studio) when
 * no key is set: they ignore it, and the openai client refuses to start without one.
 */
export const PLACEHOLDER_API_KEY = 'no-key';

/** The deadline of one HTTP request to a model server, reply body included (ms). */
export const DEFAULT_TIMEOUT_MS = 120_000;
/** The longest `--timeout` / POLICYLOOP_MODEL_TIMEOUT taken: a day, in seconds. */
export const MAX_TIMEOUT_SECONDS = 86_400;
/** The variable `--timeout` sets for the process and its worker threads (seconds). */
export const TIMEOUT_VARIABLE = 'POLICYLOOP_MODEL_TIMEOUT';

export type ModelKind = 'code' | 'vision';

export interface ModelSettingsFlags {
  /** `code`: the programmer's model; `vision`: the VLM monitor's. */
  kind: ModelKind;
  model?: string | undefined;
  baseURL?: string | undefined;
  apiKey?: string | undefined;
  /** Per HTTP request, reply body included; else POLICYLOOP_MODEL_TIMEOUT (seconds), else 120 s. */
  timeoutMs?: number | undefined;
  /** Defaults to `process.env`; tests pass their own. */
  env?: Record<string, string | undefined>;
}

export interface ModelSettings {
  kind: ModelKind;
  model: string;
  /** Always set: the OpenAI endpoint when nothing else is configured. */
  baseURL: string;
  apiKey: string;
  /** The deadline of one HTTP request, reply body included (ms). */
  timeoutMs: number;
  /** Where each value came from, for `--verbose` output and error messages. */
  source: {
    model: 'flag' | 'POLICYLOOP_MODEL' | 'POLICYLOOP_VLM_MODEL' | 'default';
    baseURL: 'flag' | 'OPENAI_BASE_URL' | 'default';
    apiKey: 'flag' | 'OPENAI_API_KEY' | 'placeholder';
    timeout: 'flag' | 'POLICYLOOP_MODEL_TIMEOUT' | 'default';
  };
}

/** Resolves flags and environment into settings; a missing key and base URL is a 'config' error. */
export function resolveModelSettings(flags: ModelSettingsFlags): ModelSettings {
  const env = flags.env ?? process.env;
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value ? value : undefined;
  };
  const given = (value: string | undefined): string | undefined => {
    const trimmed = value?.trim();
    return trimmed ? trimmed : undefined;
  };

  const flagBase = given(flags.baseURL);
  const envBase = read('OPENAI_BASE_URL');
  const baseURL = stripSlash(flagBase ?? envBase ?? OPENAI_BASE_URL);
  const baseSource = flagBase ? 'flag' : envBase ? 'OPENAI_BASE_URL' : 'default';

  const flagKey = given(flags.apiKey);
  const envKey = read('OPENAI_API_KEY');
  if (!flagKey && !envKey && baseSource === 'default') {
    throw new ModelError(
      'config',
      'no model server configured — set OPENAI_API_KEY for OpenAI, or OPENAI_BASE_URL for a local OpenAI-compatible server (Ollama, vLLM, llama.cpp, LM Studio)',
    );
  }
  const apiKey = flagKey ?? envKey ?? PLACEHOLDER_API_KEY;
  const keySource = flagKey ? 'flag' : envKey ? 'OPENAI_API_KEY' : 'placeholder';

  const flagModel = given(flags.model);
  const vlmModel = flags.kind === 'vision' ? read('POLICYLOOP_VLM_MODEL') : undefined;
  const codeModel = read('POLICYLOOP_MODEL');
  let model = flagModel ?? vlmModel ?? codeModel;
  let modelSource: ModelSettings['source']['model'] = flagModel ? 'flag' : vlmModel ? 'POLICYLOOP_VLM_MODEL' : 'POLICYLOOP_MODEL';
  if (!model) {
    if (baseURL !== OPENAI_BASE_URL) {
      const variable = flags.kind === 'vision' ? 'POLICYLOOP_VLM_MODEL (or POLICYLOOP_MODEL)' : 'POLICYLOOP_MODEL';
      throw new ModelError('config', `no model named for the server at ${baseURL} — set ${variable} or pass --model`);
    }
    model = DEFAULT_OPENAI_MODEL;
    modelSource = 'default';
  }

  const envTimeout = read(TIMEOUT_VARIABLE);
  let timeoutMs = DEFAULT_TIMEOUT_MS;
  let timeoutSource: ModelSettings['source']['timeout'] = 'default';
  if (flags.timeoutMs !== undefined) {
    if (!Number.isFinite(flags.timeoutMs) || flags.timeoutMs <= 0) {
      throw new ModelError('config', `the model timeout must be a positive number of ms, got ${flags.timeoutMs}`);
    }
    timeoutMs = flags.timeoutMs;
    timeoutSource = 'flag';
  } else if (envTimeout !== undefined) {
    const problem = timeoutSecondsProblem(envTimeout);
    if (problem) throw new ModelError('config', `${TIMEOUT_VARIABLE}=${JSON.stringify(envTimeout.slice(0, 40))}: ${problem}`);
    timeoutMs = Math.round(Number(envTimeout) * 1000);
    timeoutSource = TIMEOUT_VARIABLE;
  }

  return {
    kind: flags.kind,
    model,
    baseURL,
    apiKey,
    timeoutMs,
    source: { model: modelSource, baseURL: baseSource, apiKey: keySource, timeout: timeoutSource },
  };
}

/**
 * Why `text` is not a model timeout in seconds (`--timeout`, POLICYLOOP_MODEL_TIMEOUT), or
 * null when it is one: a number > 0 (fractions allowed, at least 1 ms) and at most a day.
 */
export function timeoutSecondsProblem(text: string): string | null {
  const trimmed = text.trim();
  const seconds = /^(\d+(\.\d*)?|\.\d+)$/.test(trimmed) ? Number(trimmed) : Number.NaN;
  if (Number.isNaN(seconds)) return 'expected a number of seconds, e.g. 300';
  if (seconds < 0.001) return 'the timeout must be at least 0.001 s';
  if (seconds > MAX_TIMEOUT_SECONDS) return `the timeout must be at most ${MAX_TIMEOUT_SECONDS} s (a day)`;
  return null;
}

function stripSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
