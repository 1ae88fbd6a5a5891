// Numbers as people read them in error messages and predicate details.

import type { Vec2, Vec3 } from './types.ts';

/** Length in centimetres with one decimal: "4.2 cm". */
export function cm(metres: number): string {
  const v = Math.abs(metres) < 0.0005 ? 0 : metres * 100;
  return `${v.toFixed(1)} cm`;
}

/** A limit in centimetres, without trailing zeros: "2 cm", "1.5 cm". */
export function cmLimit(metres: number): string {
  return `${Number((metres * 100).toFixed(2))} cm`;
}

/** Metres with two decimals: "0.45 m". */
export function m(metres: number): string {
  return `${(Math.abs(metres) < 0.005 ? 0 : metres).toFixed(2)} m`;
}

/** Angle in whole degrees: "32°". */
export function deg(radians: number): string {
  return `${Math.round((radians * 180) / Math.PI)}°`;
}

/** A position in metres to the millimetre: "[0.100, -0.050, 0.020]". */
export function pos(p: Vec2 | Vec3 | readonly number[]): string {
  return `[${p.map((v) => (Math.abs(v) < 0.0005 ? 0 : v).toFixed(3)).join(', ')}]`;
}

/**
 * A file-name-safe label: letters, digits, `.`, `_`, `-`; at most 48 characters. Checkpoint
 * labels are made with it, and checkpoint image file names are built from those labels.
 */
export function safeLabel(text: string, fallback = 'checkpoint'): string {
  const cleaned = text
    .replace(/[^A-Za-z0-9._-]+/g, '_')
    .replace(/^[._]+|_+$/g, '')
    .slice(0, 48);
  return cleaned.length > 0 ? cleaned : fallback;
}

/** A JSON path as people read it: `scene.objects[2].size`, `all[1].on`; '' for the root. */
export function jsonPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const seg of path) {
    if (typeof seg === 'number') out += `[${seg}]`;
    else if (typeof seg === 'string' && /^[A-Za-z_$][\w$]*$/.test(seg)) out += out ? `.${seg}` : seg;
    else out += `[${JSON.stringify(String(seg))}]`;
  }
  return out;
}

/** One line for a schema issue: `all[1].near: expected …`, or just the message at the root. */
export function issueText(issue: { readonly path: readonly PropertyKey[]; readonly message: string }): string {
  const path = jsonPath(issue.path);
  return path ? `${path}: ${issue.message}` : issue.message;
}
