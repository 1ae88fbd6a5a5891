// The monitor accuracy benchmark (`eval-monitor`): seeded, labelled faults injected into
// reference programs, run in the simulator, and each monitor scored against the labels.
// It runs programs, so it sits above policy/.

export {
  FAULT_NAMES,
  ACTION_CALLS,
  planFault,
  applyFault,
  actionsOf,
  type FaultName,
  type FaultSpec,
  type ActionRecord,
  type ActionCall,
} from './fault-injection.ts';
export {
  buildMonitorSet,
  groundTruth,
  type LabelledAttempt,
  type GroundTruth,
  type MonitorSetOptions,
} from './monitor-set.ts';
export {
  evalMonitor,
  scoreMonitor,
  monitorCall,
  formatMonitorReports,
  type MonitorReport,
  type AttemptScore,
  type EvalMonitorOptions,
  type ScoreOptions,
} from './eval-monitor.ts';
export { runProgramOnScene } from './run-program.ts';
