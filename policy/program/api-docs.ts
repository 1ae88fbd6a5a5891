// Text generated from the API declaration (api.ts): the reference docs/api.md
// and the compact API section of the LLM prompt. Regenerate docs/api.md with
// `npx tsx policy/program/write-api-docs.ts` (a test fails when it is stale).

import { writeFileSync } from 'node:fs';
import {
  ERROR_CAUSES,
  ERROR_KINDS,
  PREDICATE_DEFINITIONS,
  PREDICATE_FORMS,
  PREDICATE_KINDS,
  REFERENCE_DEFINITION,
  SELECTOR_DEFINITION,
} from '../../sim/index.ts';
import { packageFile } from '../../sim/package-root.ts';
import { API, API_GROUPS, type ApiFunction } from './api.ts';
import { paramsOf, type ParamInfo } from './arguments.ts';

/** Where the generated reference lives. */
export const API_DOCS_PATH = packageFile('docs', 'api.md');

function paramText(p: ParamInfo, typed: boolean): string {
  if (p.rest) return `...${p.meta.name}`;
  if (p.fields) {
    const inner = p.fields.map((f) => (typed ? `${f.name}?: ${f.type}` : `${f.name}?`)).join(', ');
    return `{ ${inner} }${p.optional ? '?' : ''}`;
  }
  return `${p.meta.name}${p.optional ? '?' : ''}`;
}

/** `pick(id, { approach?, liftHeight? }?)`; `typed` adds option types. */
export function signature(f: ApiFunction, typed = false): string {
  return `${f.name}(${paramsOf(f.args)
    .map((p) => paramText(p, typed))
    .join(', ')})`;
}

const ERROR_TEXT: Record<(typeof ERROR_KINDS)[number], string> = {
  GraspError: 'nothing was grasped, or the object slipped',
  ReachError: 'a target outside the workspace',
  UnknownObjectError: 'an id that is not in the scene',
  ArgumentError: 'a bad argument (the message names the function, the argument and what was expected)',
  CollisionError: 'the gripper drove into the table, or a held object was knocked away',
  TimeoutError: "the program's time budget ran out (this one ends the program)",
};

/** docs/api.md: the full reference, generated. */
export function renderApiMarkdown(): string {
  const out: string[] = [
    '<!-- Generated from policy/program/api.ts by policy/program/api-docs.ts. Do not edit: run `npx tsx policy/program/write-api-docs.ts`. -->',
    '',
    '# Program API',
    '',
    'Programs are plain JavaScript run in a QuickJS sandbox. Besides the language built-ins',
    'they see only the functions below (and `console.log`, which is `log`). Every call is',
    'synchronous: an action returns when the motion has finished. Units are metres, seconds',
    'and radians; z is up and the table top is z = 0. Positions are `[x, y, z]`, or `[x, y]`',
    'where the height is implied. `Math.random` is seeded and `Date` follows simulated time,',
    'so a run repeats exactly.',
    '',
    '## Errors',
    '',
    "Failures are thrown as errors whose `name` is the kind, e.g. `catch (e) { if (e.name === 'GraspError') … }`.",
    'An uncaught one ends the attempt and is reported with its program line. Where the skill',
    "knows why it failed, `e.cause` says so, e.g. `if (e.name === 'GraspError' && e.cause === 'slipped') …`.",
    '',
    '| name | when | `cause` |',
    '|---|---|---|',
    ...ERROR_KINDS.map((k) => `| \`${k}\` | ${ERROR_TEXT[k]} | ${ERROR_CAUSES[k].map((c) => `\`'${c}'\``).join(', ') || '—'} |`),
    '',
  ];
  for (const { group, title } of API_GROUPS) {
    out.push(`## ${title}`, '');
    for (const f of API.filter((x) => x.group === group)) {
      out.push(`### \`${signature(f)}\``, '', `${f.description}.`, '');
      const params = paramsOf(f.args);
      if (params.length > 0) {
        out.push('| argument | type | expected |', '|---|---|---|');
        for (const p of params) {
          const name = p.rest ? `...${p.meta.name}` : p.meta.name;
          out.push(`| \`${name}\`${p.optional && !p.rest ? ' (optional)' : ''} | \`${p.meta.type}\` | ${p.meta.expected} |`);
          for (const field of p.fields ?? []) {
            out.push(`| \`${p.meta.name}.${field.name}\` (optional) | \`${field.type}\` | ${field.expected} |`);
          }
        }
        out.push('');
      }
      out.push(`Returns: ${f.returns ? `\`${f.returns}\`` : 'nothing'}.`, '', '```js', f.example, '```', '');
    }
  }
  out.push(
    '## Predicate definitions',
    '',
    "A task's success, a subgoal's `expect` and `check(predicate)` are the same JSON predicate: an object",
    'with one key. All three are evaluated by the same code with the same tolerances, so `check` tells a',
    'program what the task check will say. `isOn`, `isInside`, `isGrasped` and `isUpright` are',
    'shorthands for `on`, `inside`, `grasped` and `upright`. An id the scene lacks makes a predicate false (the detail',
    'lists the known ids); from a program it is an `UnknownObjectError`.',
    '',
    "For example `{ all: [{ on: ['red_block', 'blue_block'] }, { not: { grasped: 'red_block' } }] }`.",
    '',
    'Positions are centres of the objects; heights come from their world bounding boxes. x grows to the',
    "robot's right, y away from the robot.",
    '',
    '**References.** ' + REFERENCE_DEFINITION,
    '',
    '**Selectors.** ' + SELECTOR_DEFINITION,
    '',
    "For example, every block in the bowl of its own colour: `{ every: { select: { shape: 'box' }, holds: { inside: ['$', { the: { shape: 'bowl', sameColorAs: '$' } }] } } }`;",
    "the block closest to the yellow bowl in the green bowl: `{ inside: [{ the: { shape: 'box', closestTo: 'yellow_bowl' } }, 'green_bowl'] }`.",
    '',
  );
  for (const kind of PREDICATE_KINDS) {
    out.push(`### \`${kind}\``, '', `Value: ${PREDICATE_FORMS[kind]}.`, '', PREDICATE_DEFINITIONS[kind], '');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The API section of the LLM prompt: one line per function, signature and doc (and
 * what it returns), grouped; kept short (about 600 tokens).
 */
export function renderApiPrompt(): string {
  const lines: string[] = [];
  for (const { group, title } of API_GROUPS) {
    lines.push(`// ${title}`);
    for (const f of API.filter((x) => x.group === group)) {
      lines.push(`${signature(f, true)}${f.returns ? ` → ${f.returns}` : ''} — ${f.description}`);
    }
  }
  lines.push(`// Errors (catch by e.name): ${ERROR_KINDS.join(', ')}`);
  return lines.join('\n');
}

/** Rewrites docs/api.md from the declaration; returns the path written. */
export function writeApiDocs(path = API_DOCS_PATH): string {
  writeFileSync(path, renderApiMarkdown());
  return path;
}
