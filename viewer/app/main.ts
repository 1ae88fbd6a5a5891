// The viewer page: one WebSocket in, a session store, and panels redrawn once per
// animation frame for the areas whose revision changed.

import { scratchSnapshot } from '../motion-track.ts';
import type { Snapshot } from '../../sim/types.ts';
import type { ServerMessage } from '../protocol.ts';
import { SPEED_FACTOR } from '../speeds.ts';
import { AttemptsPanel } from './attempts-panel.ts';
import { ChatPanel } from './chat-panel.ts';
import { Connection } from './connection.ts';
import { Controls } from './controls.ts';
import { byId } from './dom.ts';
import { Gallery } from './gallery.ts';
import { KnowledgePanel } from './knowledge-panel.ts';
import { ProgramPanel } from './program-panel.ts';
import { SessionStore } from './session-store.ts';
import { ThumbnailRenderer } from './thumbnails.ts';
import { Timeline } from './timeline.ts';
import { SceneViewport } from './scene-viewport.ts';
import { CameraToolbar } from './camera-toolbar.ts';
import { CheckpointFocus } from './checkpoint-focus.ts';
import { FailureFocus } from './failure.ts';
import { Keyboard } from './keyboard.ts';
import { Layout } from './layout.ts';
import { TaskPicker } from './task-picker.ts';
import { DeepLink, RunBrowser } from './run-browser.ts';
import { OverlaySettings, Overlays } from './overlays.ts';
import type { OverlayName } from './overlays.ts';
import { AttemptGhost } from './attempt-ghost.ts';
import { VideoExporter } from './video-export.ts';
import type { ExportOptions } from './video-export.ts';
import { MonitorPanel } from './monitor-panel.ts';
import { Plots } from './plots.ts';

/** Playback speed of "as fast as possible" when replaying a recorded attempt. */
const MAX_PLAYBACK_FACTOR = 16;

const store = new SessionStore();
const world = new SceneViewport(byId('world'));
const thumbnails = new ThumbnailRenderer();
const errors: string[] = [];
let messages = 0;

const connection = new Connection({
  message(m: ServerMessage) {
    messages++;
    store.apply(m);
    deepLink.receive(m);
    if (!deepLink.pending) picker.receive(m);
    if (m.type === 'error') {
      errors.push(m.message);
      controls.showError(m.message);
    }
  },
  state(online) {
    controls.setConnection(online);
  },
});

const controls = new Controls(store, (m) => connection.send(m));
const focus = new CheckpointFocus(store);
const failures = new FailureFocus(store, focus);
const layout = new Layout();
const keyboard = new Keyboard(store, world, focus);
const overlaySettings = new OverlaySettings(byId('world'));
const overlays = new Overlays(world, store, focus, overlaySettings);
const ghost = new AttemptGhost(world, store, overlaySettings);
new CameraToolbar(byId('world'), world, () => keyboard.toggleHelp());
const program = new ProgramPanel(store, failures);
const timeline = new Timeline(store, focus);
const gallery = new Gallery(store, thumbnails, focus);
const monitorPanel = new MonitorPanel(store, focus, () => timeline.playing);
const plots = new Plots(store, () => {
  timeline.playing = false;
});
const attempts = new AttemptsPanel(store);
const chat = new ChatPanel(store, (m) => connection.send(m));
const knowledge = new KnowledgePanel(store, (m) => connection.send(m));
const picker = new TaskPicker(store, (m) => connection.send(m), world);
const deepLink = new DeepLink(store, (m) => connection.send(m));
const runBrowser = new RunBrowser((m) => connection.send(m));
const exporter = new VideoExporter(store, world);
/** A video export drew into the 3D view: the moment on screen is drawn again after it. */
let exported = false;

const tabs = document.querySelectorAll<HTMLButtonElement>('[data-tab]');
tabs.forEach((tab) => {
  tab.addEventListener('click', () => {
    tabs.forEach((other) => {
      other.classList.toggle('active', other === tab);
      byId(`${other.dataset.tab}-tab`).hidden = other !== tab;
    });
  });
});

let scratch: Snapshot | null = null;
const seen = { session: -1, time: -1, track: -1 };
let lastFrame = performance.now();

function frame(now: number): void {
  const dt = Math.min((now - lastFrame) / 1000, 0.1);
  lastFrame = now;
  const r = store.rev;
  if (r.session !== seen.session || picker.release(r.time !== seen.time)) {
    const spec = store.info?.scene ?? null;
    world.setScene(spec);
    thumbnails.setScene(spec);
    scratch = spec ? scratchSnapshot(spec.objects.map((o) => o.id)) : null;
    byId('world-empty').hidden = spec !== null;
  }
  const a = store.current;
  if (timeline.playing && a) {
    const factor = SPEED_FACTOR[store.status.speed] || MAX_PLAYBACK_FACTOR;
    const t = store.time + dt * factor;
    if (t >= a.track.end) timeline.playing = false;
    store.seek(Math.min(t, a.track.end));
  }
  // While a video export draws, the 3D view is its (video-export.ts).
  if (exporter.busy) exported = true;
  else if (scratch && a && !picker.active && (exported || r.time !== seen.time || r.track !== seen.track || r.session !== seen.session)) {
    exported = false;
    world.show(a.track.sampleInto(store.time, scratch), a.track);
  }
  seen.session = r.session;
  seen.time = r.time;
  seen.track = r.track;
  controls.update();
  picker.update();
  const linking = deepLink.pending;
  deepLink.update();
  // A deep link names the checkpoint to show: the failure focus leaves that attempt alone.
  if (linking && !deepLink.pending) failures.leaveCurrent();
  failures.update();
  // The 3D view first: the thumbnails and the monitor panel below draw with WebGL too, and a
  // first frame that waited for them came ~0.6 s later (bench/viewer-bench.ts, first drawn scene).
  overlays.update();
  ghost.update();
  exporter.update();
  if (!exporter.busy) world.frame();
  program.update();
  timeline.update();
  gallery.update();
  // Not while a video export renders: the panel's WebGL draws would slow it.
  if (!exporter.busy) monitorPanel.update(now);
  plots.update(now);
  attempts.update();
  chat.update();
  knowledge.update();
  requestAnimationFrame(frame);
}
requestAnimationFrame(frame);

declare global {
  interface Window {
    /** For the end-to-end test: the page's state and a way to probe the canvas and the socket. */
    policyloopViewer?: {
      store: SessionStore;
      errors: string[];
      messages: () => number;
      canvasStats: () => ReturnType<SceneViewport['stats']>;
      camera: () => ReturnType<SceneViewport['cameraState']>;
      layout: () => ReturnType<Layout['current']>;
      /** The checkpoint on screen (checkpoint-focus.ts). */
      checkpoint: () => number;
      sendRaw: (text: string) => void;
      runBrowser: RunBrowser;
      /** The 3D view's overlays (overlays.ts) and the ghost of attempt k−1 (attempt-ghost.ts): what they draw now. */
      overlays: () => ReturnType<Overlays['state']>;
      ghost: () => ReturnType<AttemptGhost['state']>;
      setOverlay: (name: OverlayName, on: boolean) => void;
      /** Renders the 3D view now and returns its pixels (RGBA), for tests that compare pictures. */
      worldPixels: () => Uint8Array;
      /** The monitor's images beside the 3D view (monitor-panel.ts). */
      monitorPanel: MonitorPanel;
      /** The plots over time under the 3D view (plots.ts). */
      plots: Plots;
      /** Records attempt(s) as WebM; the video as a data: URL with its facts (video-export.ts; `render --video`, tests). */
      exportVideo: (
        opts: Omit<ExportOptions, 'signal' | 'onProgress'>,
      ) => Promise<{ dataUrl: string; fileName: string; frames: number; durationS: number; width: number; height: number; passes: number }>;
      exporter: VideoExporter;
    };
  }
}

window.policyloopViewer = {
  store,
  errors,
  messages: () => messages,
  canvasStats: () => world.stats(),
  camera: () => world.cameraState(),
  layout: () => layout.current(),
  checkpoint: () => focus.current(),
  sendRaw: (t) => connection.sendRaw(t),
  runBrowser,
  overlays: () => overlays.state(),
  ghost: () => ghost.state(),
  setOverlay: (name, on) => overlaySettings.set(name, on),
  worldPixels: () => world.readPixels(),
  monitorPanel,
  plots,
  exporter,
  exportVideo: async (opts) => {
    const v = await exporter.record(opts);
    const dataUrl = await new Promise<string>((resolve, reject) => {
      const reader = new FileReader();
      reader.onload = () => resolve(reader.result as string);
      reader.onerror = () => reject(reader.error ?? new Error('cannot read the video'));
      reader.readAsDataURL(v.blob);
    });
    return { dataUrl, fileName: v.fileName, frames: v.frames, durationS: v.durationS, width: v.width, height: v.height, passes: v.passes };
  },
};
