// monitor/: checkpoint rendering, the monitors (state, pixels, vlm, none), scene diffs,
// diagnosis fusion. The public surface; other folders import only from here (browser
// bundles take monitor/render/scene-builder.ts directly: this file loads puppeteer).

export {
  VIEW_NAMES,
  VIEWS,
  DEFAULT_WIDTH,
  DEFAULT_HEIGHT,
  NEAR,
  FAR,
  cameraModel,
  unprojectPixel,
  projectPoint,
  type ViewName,
  type ViewSpec,
  type CameraModel,
} from './render/camera-views.ts';
export {
  HeadlessRenderer,
  RendererUnavailableError,
  getRenderer,
  closeRenderer,
  renderCheckpoints,
  renderScene,
  launchSharedBrowser,
  type RenderedView,
  type ViewImages,
  type RenderOptions,
  type RendererOptions,
  type RenderStats,
  type SharedBrowser,
} from './render/headless-renderer.ts';
// The scene builder runs in browsers too: browser bundles import it from
// monitor/render/scene-builder.ts directly (this file pulls in puppeteer and node:fs).
export {
  SyncRenderBridge,
  getRenderBridge,
  closeRenderBridges,
  type SyncRenderStats,
} from './render/sync-render-bridge.ts';
// Types only: the scene builder's values load three.js (~0.1 s), which Node code never runs
// (the pages do); take buildSceneRig from monitor/render/scene-builder.ts directly.
export type { SceneRig, RenderPass } from './render/scene-builder.ts';
export { findBrowser, LAUNCH_ARGS, SYSTEM_BROWSERS, type BrowserDiscovery, type DiscoveryOptions } from './render/browser.ts';
export { FIXED_LEGEND, ID_BACKGROUND, ID_TABLE, ID_FLOOR, ID_GRIPPER, DEPTH_UNIT, legendFor } from './render/id-legend.ts';
export {
  writeCheckpointImages,
  renderInitialScene,
  checkpointFileName,
  idMaskPng,
  depthPng,
  type WriteImagesOptions,
} from './render/image-files.ts';
export { measureRenderMsPerView, benchmarkScene, type RenderTiming } from './render/render-benchmark.ts';
export { snapshotFromScene, yawQuat } from './scene-snapshot.ts';

export {
  MONITOR_NAMES,
  FAILURE_KINDS,
  FAILURE_PRIORITY,
  makeVerdict,
  firstFailing,
  type MonitorName,
  type FailureKind,
  type Failure,
  type Verdict,
  type Monitor,
  type InspectOptions,
} from './verdict.ts';
export { createMonitor, isMonitorName, type CreateMonitorOptions } from './create-monitor.ts';
export { StateMonitor } from './state-monitor.ts';
export { NoneMonitor } from './none-monitor.ts';
export { PixelMonitor, describeObservation, type PixelMonitorOptions } from './pixel-monitor.ts';
export {
  VlmMonitor,
  createVlmMonitor,
  VlmVerdictSchema,
  VLM_FAILURE_KINDS,
  type VlmMonitorOptions,
  type VlmVerdict,
} from './vlm-monitor.ts';
export {
  estimateSnapshot,
  objectPointClouds,
  minAreaRect,
  heldBetweenFingers,
  type PixelEstimate,
  type ObjectObservation,
} from './pixel-estimate.ts';
export {
  judgeCheckpoints,
  anomalyFailures,
  expectationFailure,
  errorFailure,
  failingLeaf,
  isOffTable,
  DISTURB_LIMIT,
  TOPPLE_TILT_CHANGE,
  TOPPLE_TILT_MIN,
  OFF_TABLE_DROP,
  type AnomalyContext,
} from './checkpoint-checks.ts';
export {
  callsBetween,
  errorBetween,
  namedObjects,
  mentionedObjects,
  proprioception,
  formatEvent,
  releasedOnPurpose,
} from './trace-reading.ts';
export { stillHeldFailure } from './checkpoint-checks.ts';
export {
  diffSnapshots,
  diffCheckpoints,
  describeSceneDiff,
  describeChange,
  directionOf,
  supportOf,
  describeSupport,
  contactSupports,
  type SceneDiff,
  type ObjectChange,
  type Support,
  type DiffOptions,
} from './scene-diff.ts';
export {
  diagnose,
  diagnosisText,
  placementOffset,
  shortfallsOf,
  describeDisturbance,
  DIAGNOSIS_KINDS,
  SHORTFALL_QUANTITIES,
  SLIP_PHASES,
  type CallRef,
  type DiagnosisFacts,
  type Disturbance,
  type Shortfall,
  type ShortfallQuantity,
  type Slip,
  type SlipPhase,
  type Diagnosis,
  type DiagnosisKind,
  type DiagnoseOptions,
  type PlaceOffset,
} from './diagnosis.ts';
