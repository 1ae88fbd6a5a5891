// Bad input from the command line: printed as one line, exit code 2.
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

export function parseIntArg(name: string, value: string, min = 0): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min) throw new UsageError(`${name}: expected an integer ≥ ${min}, got "${value}"`);
  return n;
}

export function parseMetresArg(name: string, value: string, max = 0.2): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0 || n > max) throw new UsageError(`${name}: expected metres between 0 and ${max}, got "${value}"`);
  return n;
}

export function parseListArg(name: string, value: string): string[] {
  const items = value.split(',').map((s) => s.trim()).filter(Boolean);
  if (items.length === 0) throw new UsageError(`${name}: expected a comma-separated list, got "${value}"`);
  return items;
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value)) {
    throw new UsageError(`${name}: expected one of ${allowed.join(', ')}, got "${value}"`);
  }
  return value as T;
}
