// Shared option handling (required options and value parsing are commander's: see ../errors.ts).
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Option } from 'commander';
import { PERCEPTION_MODES, parsePerceptionNoise } from '../../policy/program/perception-settings.ts';
import { parsedArg, UsageError } from '../errors.ts';

// The world options `run`, `suite` and `chat` share.
export function perceptionOption(): Option {
  return new Option('--perception <mode>', 'what scene queries and scene facts come from: truth, seeded noise, or camera pixels')
    .choices(PERCEPTION_MODES)
    .default('exact');
}

export function perceptionNoiseOption(): Option {
  return new Option('--perception-noise <m,deg>', 'σ of --perception noisy: metres, degrees (default 0.01,3)').argParser(
    parsedArg(parsePerceptionNoise),
  );
}

export function engineOption(): Option {
  return new Option('--engine <e>', 'physics engine').choices(['rapier']).default('rapier');
}

export function readProgramFile(path: string): string {
  const abs = resolve(path);
  if (!existsSync(abs)) throw new UsageError(`--program: no such file: ${path}`);
  try {
    return readFileSync(abs, 'utf8');
  } catch (err) {
    throw new UsageError(`--program: cannot read ${path}: ${(err as Error).message}`);
  }
}
