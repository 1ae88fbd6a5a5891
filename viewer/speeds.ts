// Simulation speeds of a live episode (and of playback in the page). Kept apart from
// protocol.ts so the browser bundle does not carry zod for one table.

export const SPEEDS = ['1x', '4x', 'max'] as const;
export type Speed = (typeof SPEEDS)[number];
/** Simulated seconds per wall second; 0 = as fast as possible. */
export const SPEED_FACTOR: Record<Speed, number> = { '1x': 1, '4x': 4, max: 0 };
