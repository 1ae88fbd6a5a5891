// Monitor by name (DESIGN §7, `--monitor state|pixels|vlm|none`).

import type { HeadlessRenderer } from './render/headless-renderer.ts';
import { NoneMonitor } from './none-monitor.ts';
import { PixelMonitor } from './pixel-monitor.ts';
import { StateMonitor } from './state-monitor.ts';
import { MONITOR_NAMES } from './verdict.ts';
import type { Monitor, MonitorName } from './verdict.ts';

export interface CreateMonitorOptions {
  /** Renderer the pixel monitor uses when it is given no images. Default: the process-wide one. */
  renderer?: HeadlessRenderer;
  /** Model for the vlm monitor. */
  vlmModel?: string | null;
  /** Receives one-line notes (fallbacks). */
  warn?: (message: string) => void;
}

export function isMonitorName(name: string): name is MonitorName {
  return (MONITOR_NAMES as readonly string[]).includes(name);
}

export async function createMonitor(name: string, opts: CreateMonitorOptions = {}): Promise<Monitor> {
  if (!isMonitorName(name)) throw new Error(`unknown monitor "${name}"; monitors: ${MONITOR_NAMES.join(', ')}`);
  switch (name) {
    case 'state': return new StateMonitor();
    case 'none': return new NoneMonitor();
    case 'pixels': return new PixelMonitor({ renderer: opts.renderer, warn: opts.warn });
    case 'vlm':
      opts.warn?.('the vlm monitor is not available in this build; using the state monitor');
      return new StateMonitor();
  }
}
