// Monitor by name (docs/architecture.md#monitors-and-verdicts, `--monitor state|pixels|vlm|none`).

import type { HeadlessRenderer } from './render/headless-renderer.ts';
import { NoneMonitor } from './none-monitor.ts';
import { createVlmMonitor } from './vlm-monitor.ts';
import { createChatModel } from '../llm/index.ts';
import type { ChatModel } from '../llm/index.ts';
import { PixelMonitor } from './pixel-monitor.ts';
import { StateMonitor } from './state-monitor.ts';
import { MONITOR_NAMES } from './verdict.ts';
import type { Monitor, MonitorName } from './verdict.ts';

export interface CreateMonitorOptions {
  /** Renderer the pixel monitor uses when it is given no images. Default: the process-wide one. */
  renderer?: HeadlessRenderer;
  /** Model for the vlm monitor. */
  vlmModel?: string | null;
  /** The vision model itself (built by the caller from provider settings); else an `openai` one from the environment. */
  vlmChat?: ChatModel | null;
  /** Receives one-line notes (fallbacks). */
  warn?: (message: string) => void;
}

export function isMonitorName(name: string): name is MonitorName {
  return (MONITOR_NAMES as readonly string[]).includes(name);
}

export async function createMonitor(name: string, opts: CreateMonitorOptions = {}): Promise<Monitor> {
  if (!isMonitorName(name)) throw new Error(`unknown monitor "${name}"; monitors: ${MONITOR_NAMES.join(', ')}`);
  switch (name) {
    case 'state':
      return new StateMonitor();
    case 'none':
      return new NoneMonitor();
    case 'pixels':
      return new PixelMonitor({ renderer: opts.renderer, warn: opts.warn });
    case 'vlm': {
      // Without a model given, the vision model comes from the flags/environment
      // (POLICYLOOP_VLM_MODEL, OPENAI_BASE_URL, OPENAI_API_KEY); bad settings throw a one-line ModelError.
      const chat = opts.vlmChat ?? createChatModel({ provider: 'openai', kind: 'vision', model: opts.vlmModel ?? undefined });
      return createVlmMonitor(chat);
    }
  }
}
