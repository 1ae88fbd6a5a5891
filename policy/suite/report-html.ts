// report.html: one self-contained file (no network needed to open it): the summary table,
// a chart of success@k per task, and per failed episode its failing checkpoint image, the
// diagnosis text and the final program, each linked to its episode folder.
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join, resolve } from 'node:path';
import type { ResultLine } from './results-file.ts';
import type { GroupSummary, SuiteSummary } from './summary.ts';
import { costLine, formatUsd } from './summary.ts';

const esc = (s: string): string => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const pct = (x: number): string => `${(x * 100).toFixed(0)}%`;

function tableHtml(s: SuiteSummary): string {
  const ks = s.overall.successAtK.map((_, k) => `<th title="solved within ${k} repairs">@${k}</th>`).join('');
  // No column when no model has a price: unknown is not $0.
  const priced = s.cost !== undefined && Object.keys(s.cost.prices).length > 0;
  const cost = (g: GroupSummary): string =>
    priced ? `<td>${g.costUsdPerEpisode === undefined ? '' : formatUsd(g.costUsdPerEpisode)}</td>` : '';
  const row = (name: string, g: GroupSummary, cls = ''): string =>
    `<tr class="${cls}"><td>${esc(name)}</td><td><code>${esc(s.taskVersions?.[name] ?? '')}</code></td><td>${g.episodes}</td><td>${pct(g.asr)}</td>` +
    g.successAtK.map((v) => `<td>${pct(v)}</td>`).join('') +
    `<td>${g.crIter.toFixed(2)}</td><td>${g.tokensInPerEpisode}</td><td>${g.tokensOutPerEpisode}</td>${cost(g)}` +
    `<td>${(g.wallMsPerEpisode / 1000).toFixed(2)}</td><td>${g.errors}</td></tr>`;
  return (
    `<table><thead><tr><th>task</th><th title="the task's content hash (TaskDef.hash)">version</th><th>episodes</th><th>ASR</th>${ks}<th>CR-Iter</th><th>tokens in</th><th>tokens out</th>${priced ? '<th title="dollars per episode at the price table\'s prices">$ / ep</th>' : ''}<th>wall s / ep</th><th>errors</th></tr></thead><tbody>` +
    Object.entries(s.tasks)
      .map(([t, g]) => row(t, g))
      .join('') +
    row('overall', s.overall, 'overall') +
    '</tbody></table>'
  );
}

/** With the simulated corrector: per task, success after ≤ c corrections, corrections to success, and their classes. */
function correctionsHtml(s: SuiteSummary): string {
  const o = s.overall.corrections;
  if (!o) return '';
  const cs = o.successAfter.map((_, c) => `<th title="task done after at most ${c} corrections">≤${c}</th>`).join('');
  const row = (name: string, g: GroupSummary, cls = ''): string => {
    const c = g.corrections!;
    const stops = Object.entries(c.stops)
      .map(([k, v]) => `${esc(k)} ${v}`)
      .join(', ');
    return (
      `<tr class="${cls}"><td>${esc(name)}</td><td>${g.episodes}</td><td>${c.solved}</td>` +
      c.successAfter.map((v) => `<td>${pct(v)}</td>`).join('') +
      `<td>${c.toSolveMean === null ? '–' : c.toSolveMean.toFixed(2)}</td><td>${c.toSolveMax ?? '–'}</td><td>${c.said}</td><td>${c.applied}</td><td>${c.classes.plan}</td><td>${c.classes.skill}</td><td>${stops}</td></tr>`
    );
  };
  return (
    `<h2>Corrections (simulated person, at most ${o.maxCorrections} per episode)</h2>` +
    `<table><thead><tr><th>task</th><th>episodes</th><th>solved</th>${cs}<th title="corrections before the task check held, over solved episodes">mean</th><th>max</th><th title="phrases said">said</th><th title="phrases that produced a new program">applied</th><th>plan</th><th>skill</th><th>stopped because</th></tr></thead><tbody>` +
    Object.entries(s.tasks)
      .filter(([, g]) => g.corrections)
      .map(([t, g]) => row(t, g))
      .join('') +
    row('overall', s.overall, 'overall') +
    '</tbody></table>' +
    '<p><small>≤c: share of episodes whose task check held after at most c corrections. mean, max: corrections said before the task check first held, over solved episodes. said / applied: phrases the simulated person gave / that the programmer turned into a new program (the rest it could not read, gave no program for, or the session refused). plan, skill: the class the programmer gave each phrase.</small></p>'
  );
}

/** The phrases said in one episode, with what came of each. */
function saidHtml(line: ResultLine): string {
  const said = line.corrector?.said ?? [];
  if (!line.corrector) return '';
  const items = said
    .map(
      (c) =>
        `<li>“${esc(c.text)}” <small>${esc(c.class ?? 'refused')} · ${c.applied ? 'applied' : 'not applied'}${c.solved === null ? '' : c.solved ? ' · done' : ' · not done'}</small><br><small>${esc(c.message)}</small></li>`,
    )
    .join('');
  return `<h4>Corrections said (${said.length})</h4>${items ? `<ol>${items}</ol>` : ''}<p><small>stopped: ${esc(line.corrector.stop)} — ${esc(line.corrector.why)}</small></p>`;
}

/** Grouped bars: per task, one bar per k. Inline SVG, no scripts. */
function chartSvg(s: SuiteSummary): string {
  const tasks = Object.entries(s.tasks);
  const K = s.overall.successAtK.length;
  const barW = 10,
    gap = 14,
    groupW = K * barW + gap,
    h = 160,
    top = 10,
    left = 36,
    bottom = 110;
  const width = Math.max(left + tasks.length * groupW + 20, left + K * 70 + 40);
  const shades = ['#9ecae1', '#6baed6', '#3182bd', '#08519c', '#08306b', '#041f4a'];
  const parts: string[] = [];
  for (let p = 0; p <= 4; p++) {
    const y = top + h - (p / 4) * h;
    parts.push(
      `<line x1="${left}" x2="${width}" y1="${y}" y2="${y}" stroke="#ddd"/><text x="${left - 4}" y="${y + 4}" text-anchor="end" font-size="10">${p * 25}%</text>`,
    );
  }
  tasks.forEach(([task, g], i) => {
    const x0 = left + i * groupW + gap / 2;
    g.successAtK.forEach((v, k) => {
      const bh = v * h;
      parts.push(
        `<rect x="${x0 + k * barW}" y="${top + h - bh}" width="${barW - 1}" height="${bh}" fill="${shades[Math.min(k, shades.length - 1)]}"><title>${esc(task)} success@${k}: ${pct(v)}</title></rect>`,
      );
    });
    const cx = x0 + (K * barW) / 2;
    parts.push(`<text transform="translate(${cx},${top + h + 8}) rotate(50)" font-size="10">${esc(task)}</text>`);
  });
  const legend = Array.from(
    { length: K },
    (_, k) =>
      `<rect x="${left + k * 82}" y="${top + h + bottom - 14}" width="10" height="10" fill="${shades[Math.min(k, shades.length - 1)]}"/><text x="${left + k * 82 + 14}" y="${top + h + bottom - 5}" font-size="11">success@${k}</text>`,
  ).join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${top + h + bottom}" role="img" aria-label="success after k repairs per task">${parts.join('')}${legend}</svg>`;
}

function failingImage(episodeDir: string, line: ResultLine): string | null {
  const last = line.attempts[line.attempts.length - 1];
  if (!last) return null;
  const dir = join(episodeDir, `attempt-${last.index}`, 'checkpoints');
  if (!existsSync(dir)) return null;
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('-front.png'))
    .sort();
  if (files.length === 0) return null;
  const prefix = last.failingCheckpoint === null ? null : String(last.failingCheckpoint).padStart(2, '0') + '-';
  const pick = (prefix && files.find((f) => f.startsWith(prefix))) || files[files.length - 1]!;
  return `data:image/png;base64,${readFileSync(join(dir, pick)).toString('base64')}`;
}

function readText(path: string): string | null {
  return existsSync(path) ? readFileSync(path, 'utf8') : null;
}

/** Where the report's links into the viewer go (issue 16). */
export interface ReportLinks {
  /**
   * A viewer's address (`http://127.0.0.1:8080`) whose runs directory holds this suite's folder
   * directly: links become absolute. Without it they are relative, and work when the viewer
   * serves the report (`/runs/<suite>/report.html`).
   */
  viewerUrl?: string;
}

/** The link that opens an episode in the viewer at its last attempt's failing checkpoint. */
export function viewerLink(outDir: string, line: ResultLine, links: ReportLinks = {}): string {
  const last = line.attempts[line.attempts.length - 1];
  const q = new URLSearchParams();
  if (last) q.set('attempt', String(last.index));
  if (last && last.failingCheckpoint !== null && last.failingCheckpoint !== undefined) q.set('checkpoint', String(last.failingCheckpoint));
  const dir = line.dir.split(/[\\/]/).map(encodeURIComponent).join('/');
  const path = `${dir}/view${q.size > 0 ? `?${q.toString()}` : ''}`;
  if (!links.viewerUrl) return path;
  return `${links.viewerUrl.replace(/\/+$/, '')}/runs/${encodeURIComponent(basename(resolve(outDir)))}/${path}`;
}

function failedEpisodeHtml(outDir: string, line: ResultLine, links: ReportLinks): string {
  const dir = join(outDir, line.dir);
  const last = line.attempts[line.attempts.length - 1];
  const attemptDir = last ? join(dir, `attempt-${last.index}`) : null;
  const img = failingImage(dir, line);
  const diagnosis = attemptDir ? readText(join(attemptDir, 'diagnosis.txt')) : null;
  const program = attemptDir ? readText(join(attemptDir, 'program.js')) : null;
  return (
    `<section class="episode"><h3><a href="${esc(line.dir)}/">${esc(line.task)} · seed ${line.seed}</a> <small>version ${esc(line.taskHash ?? 'unknown')} · ${line.attempts.length} attempt(s)${line.error ? ' · error' : ''}</small></h3>` +
    `<p class="detail">${esc(line.error ?? line.successDetail)} · <a class="viewer" href="${esc(viewerLink(outDir, line, links))}" title="opens the viewer at the failing checkpoint (policyloop view serving this report, or suite --viewer-url)">open in the viewer</a></p>` +
    '<div class="cols">' +
    (img
      ? `<figure><img src="${img}" alt="failing checkpoint of ${esc(line.task)} seed ${line.seed}" width="400"><figcaption>failing checkpoint (front view)</figcaption></figure>`
      : '') +
    `<div>${saidHtml(line)}${diagnosis ? `<h4>Diagnosis</h4><pre>${esc(diagnosis)}</pre>` : ''}${program ? `<details><summary>final program</summary><pre>${esc(program)}</pre></details>` : ''}</div>` +
    '</div></section>'
  );
}

export function renderReportHtml(outDir: string, summary: SuiteSummary, lines: readonly ResultLine[], links: ReportLinks = {}): string {
  const failed = lines.filter((l) => !l.success);
  const s = summary.settings;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>policyloop suite report</title><style>
body{font:14px/1.45 system-ui,sans-serif;margin:2em auto;max-width:1100px;color:#222;padding:0 1em}
table{border-collapse:collapse;margin:1em 0}td,th{border-bottom:1px solid #ddd;padding:3px 8px;text-align:right}td:first-child,th:first-child{text-align:left}
tr.overall td{font-weight:600;border-top:2px solid #444}pre{background:#f6f6f6;padding:8px;overflow:auto;font-size:12px;max-height:420px;white-space:pre-wrap;word-break:break-word}
.cols{display:flex;gap:1em;align-items:flex-start}.cols>div{flex:1;min-width:0}figure{margin:0}img{border:1px solid #ccc}
.episode{border-top:1px solid #ccc;margin-top:1em}.detail{color:#a00}small{color:#666;font-weight:normal}code{background:#f0f0f0;padding:0 3px}
</style></head><body>
<h1>policyloop suite report</h1>
<p>provider <code>${esc(s.provider)}</code> · model <code>${esc(s.model)}</code> · monitor <code>${esc(s.monitor)}</code> · perception <code>${esc(s.perception ?? 'exact')}</code> · ${s.corrector ? `corrector ${esc(s.corrector)} (at most ${s.maxCorrections ?? 3} corrections, no repairs)` : `max repairs ${s.maxRepairs}`} · engine <code>${esc(s.engine)}</code> · ${s.corrector ? 'the simulated person judges by the task check; the programmer never sees it' : s.oracle ? 'stop on task success (oracle)' : 'stop on monitor verdicts (no oracle)'} · ${summary.overall.episodes} episodes · ${summary.workers} workers${summary.concurrency ? ` × concurrency ${summary.concurrency}` : ''} · ${(summary.suiteWallMs / 1000).toFixed(1)} s · policyloop ${esc(summary.versions.policyloop ?? '')} · ${esc(summary.createdAt)}</p>
<h2>Summary</h2>${tableHtml(summary)}
${summary.cost ? `<p>${esc(costLine(summary)!)}</p>` : ''}
<p><small>version: the task's content hash (its file and reference program). ASR: success rate at the end of the episode. @k: solved within k repairs. CR-Iter: mean attempts used. Metrics follow RoboTwin 2.0's code-generation table.</small></p>
${correctionsHtml(summary)}
<h2>Success after k repairs</h2>${chartSvg(summary)}
<h2>Failed episodes (${failed.length})</h2>
${failed.length === 0 ? '<p>None.</p>' : failed.map((l) => failedEpisodeHtml(outDir, l, links)).join('\n')}
</body></html>
`;
}

export function writeReport(outDir: string, summary: SuiteSummary, lines: readonly ResultLine[], links: ReportLinks = {}): string {
  const file = join(outDir, 'report.html');
  writeFileSync(file, renderReportHtml(outDir, summary, lines, links));
  return file;
}
