import type { Command } from 'commander';
import { Option } from 'commander';
import { UsageError, intArg, parsedArg } from '../errors.ts';

const VIDEO_VIEWS = ['front', 'top', 'side', 'free'] as const;

/** `WxH` in pixels, each even and from 16 to 3840 (the encoder's frames). */
export function parseVideoSize(value: string): { width: number; height: number } {
  const m = /^(\d+)x(\d+)$/i.exec(value.trim());
  if (!m) throw new Error(`Expected WIDTHxHEIGHT in pixels (e.g. 1280x720), not "${value}"`);
  const width = Number(m[1]);
  const height = Number(m[2]);
  for (const n of [width, height]) {
    if (n < 16 || n > 3840 || n % 2 !== 0) throw new Error(`Expected each side an even number of pixels from 16 to 3840, not ${n}`);
  }
  return { width, height };
}

interface RenderOptions {
  task?: string;
  seed: number;
  out?: string;
  masks?: boolean;
  run?: string;
  attempt: string;
  video?: string;
  fps: number;
  size: { width: number; height: number };
  view: (typeof VIDEO_VIEWS)[number];
}

export function registerRenderCommand(program: Command): void {
  program
    .command('render')
    .description(
      "render the initial scene of a task from every view (front, top, side), or a run folder's attempt(s) as a WebM video (--run … --video)",
    )
    .option('--task <task>', 'task id or path to a task file (see `policyloop tasks`)')
    .option('--seed <n>', 'scene seed', intArg(0), 0)
    .option('--out <dir>', 'the folder to write images into (with --task)')
    .option('--masks', 'also write the id mask and depth previews')
    .option('--run <dir>', 'a run record folder to render as a video (with --video)')
    .option('--attempt <k>', "the attempt to record (0, 1, …), or 'all' for the whole episode in order", 'all')
    .option('--video <file>', 'the WebM file to write (with --run)')
    .option('--fps <n>', 'frames per second of the video', intArg(1, 60), 30)
    .addOption(
      new Option('--size <WxH>', 'frame size in pixels')
        .argParser(parsedArg(parseVideoSize))
        .default({ width: 1280, height: 720 }, '1280x720'),
    )
    .addOption(
      new Option('--view <v>', "camera: the monitor's front/top/side, or free (the viewer's opening view)")
        .choices(VIDEO_VIEWS)
        .default('front'),
    )
    .action(async (opts: RenderOptions) => {
      if (opts.run !== undefined || opts.video !== undefined) {
        if (opts.task !== undefined || opts.out !== undefined)
          throw new UsageError('render: give either --task and --out (images) or --run and --video (a video), not both');
        if (opts.run === undefined) throw new UsageError('render --video: give the run folder to record with --run DIR');
        if (opts.video === undefined) throw new UsageError('render --run: give the file to write with --video OUT.webm');
        await renderVideo({ ...opts, run: opts.run, video: opts.video });
        return;
      }
      if (opts.task === undefined || opts.out === undefined) {
        throw new UsageError("render: give --task and --out (images of a task's initial scene), or --run and --video (a run as a video)");
      }
      // tasks/index.ts loads sim/ and zod (~0.15 s): imported in the action, not at start-up.
      const { instantiateScene, loadTask } = await import('../../tasks/index.ts');
      const scene = instantiateScene(loadTask(opts.task), opts.seed);
      const { closeRenderer, renderInitialScene } = await import('../../monitor/index.ts');
      try {
        const files = await renderInitialScene(scene, opts.out, { masks: opts.masks });
        for (const f of files) process.stdout.write(f + '\n');
      } catch (err) {
        if ((err as Error).name === 'RendererUnavailableError') {
          process.stderr.write(`policyloop: ${(err as Error).message}\n`);
          process.exitCode = 1;
          return;
        }
        throw err;
      } finally {
        await closeRenderer();
      }
    });
}

/**
 * A run folder's attempt(s) to WebM: the viewer's server with the run open, its page in
 * headless Chromium, and the page's own exporter (viewer/app/video-export.ts) — the very
 * renderer and recorder of the Export button.
 */
async function renderVideo(opts: RenderOptions & { run: string; video: string }): Promise<void> {
  const { existsSync, statSync, accessSync, writeFileSync, constants } = await import('node:fs');
  const { dirname, resolve } = await import('node:path');
  const out = resolve(opts.video);
  if (!out.toLowerCase().endsWith('.webm')) throw new UsageError(`--video ${opts.video}: the file name must end in .webm`);
  if (existsSync(out) && statSync(out).isDirectory()) throw new UsageError(`--video ${opts.video}: is a folder, not a file`);
  try {
    accessSync(dirname(out), constants.W_OK);
  } catch {
    throw new UsageError(`--video ${opts.video}: cannot write there (${dirname(out)} is missing or not writable)`);
  }
  const { readRun, RunReadError, startViewer } = await import('../../viewer/index.ts');
  let attempts: number;
  try {
    attempts = readRun(opts.run, () => '').messages.filter((m) => m.type === 'attempt-start').length;
  } catch (err) {
    if (err instanceof RunReadError) throw new UsageError(`--run: ${err.message}`);
    throw err;
  }
  if (attempts === 0) throw new UsageError(`--run ${opts.run}: the record has no attempt to render`);
  let attempt: number | null = null;
  if (opts.attempt !== 'all') {
    const k = /^\d+$/.test(opts.attempt) ? Number(opts.attempt) : Number.NaN;
    if (!Number.isInteger(k) || k >= attempts) {
      throw new UsageError(`--attempt ${opts.attempt}: this run has attempts 0 to ${attempts - 1} (or give 'all')`);
    }
    attempt = k;
  }
  const { findBrowser, launchBrowser } = await import('../../monitor/render/browser.ts');
  const found = findBrowser();
  if (!found.path) {
    process.stderr.write(`policyloop: render --video needs Chromium: ${found.reason}\n`);
    process.exitCode = 1;
    return;
  }
  const { mkdtempSync, rmSync } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  const { join } = await import('node:path');
  const scratch = mkdtempSync(join(tmpdir(), 'policyloop-render-'));
  const viewer = await startViewer({ port: 0, host: '127.0.0.1', run: opts.run, outRoot: scratch, runsDir: scratch, log: () => {} });
  const browser = await launchBrowser(found.path);
  browser.setBusy(true);
  try {
    const page = await browser.browser.newPage();
    const pageErrors: string[] = [];
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // The 3D view at least the frame size: the page lays out around it.
    await page.setViewport({ width: Math.max(1280, opts.size.width + 640), height: Math.max(800, opts.size.height + 300) });
    await page.goto(viewer.url);
    await page.waitForFunction(
      (n: number) => {
        const s = window.policyloopViewer?.store;
        return s !== undefined && s.info !== null && s.attempts.length >= n && s.attempts.every((a) => a.end !== null);
      },
      { timeout: 60_000, polling: 100 },
      attempts,
    );
    const video = await page.evaluate((o) => window.policyloopViewer!.exportVideo(o), {
      scope: attempt === null ? ('episode' as const) : ('attempt' as const),
      ...(attempt === null ? {} : { attempt }),
      fps: opts.fps,
      width: opts.size.width,
      height: opts.size.height,
      view: opts.view,
    });
    const bytes = Buffer.from(video.dataUrl.slice(video.dataUrl.indexOf(',') + 1), 'base64');
    writeFileSync(out, bytes);
    process.stdout.write(
      `${out}: ${(bytes.length / 1024).toFixed(0)} KB, ${video.frames} frames at ${opts.fps} fps = ${video.durationS.toFixed(2)} s, ${video.width}×${video.height}, ${attempt === null ? `attempts 0–${attempts - 1}` : `attempt ${attempt}`}${video.passes > 1 ? ` (recorded ${video.passes} times: the encoder dropped frames at full pace)` : ''}\n`,
    );
  } finally {
    await browser.close();
    await viewer.close();
    rmSync(scratch, { recursive: true, force: true });
  }
}
