// Restate service names and state keys, spelled once for the services, the
// typed clients in the API routes and the tests.

export const RUN_WORKFLOW = "FanlineRun";
export const SUBTASK_SERVICE = "FanlineSubtask";
/** One run's entry in the runs list, keyed by run id. */
export const RUN_INDEX_OBJECT = "FanlineRunIndex";
/** The shards of the runs list (lib/run-list.ts), keyed "0", "1"... */
export const RUN_LIST_OBJECT = "FanlineRunList";
export const RETRY_REPORTS_OBJECT = "FanlineRetryReports";
/** The guide's service name, kept so the guide's curl works unchanged. */
export const GUIDE_WORKER_SERVICE = "worker";

/** Fanline's own services: never a target of the `call` kind. */
export const FANLINE_SERVICES: readonly string[] = [
  RUN_WORKFLOW,
  SUBTASK_SERVICE,
  RUN_INDEX_OBJECT,
  RUN_LIST_OBJECT,
  RETRY_REPORTS_OBJECT,
  GUIDE_WORKER_SERVICE,
];

export const STATE_META = "meta";
export const bucketStateKey = (bucket: number) => `bucket:${bucket}`;
/** Subtask inputs, bucketed like the records and written once, for the details panel and re-runs. */
export const inputBucketStateKey = (bucket: number) => `inputs:${bucket}`;
export const AGGREGATE_PROMISE = "aggregate";
/** Failed subtasks grouped by cause (lib/error-groups.ts), rewritten when a group changes. */
export const STATE_ERROR_GROUPS = "errorGroups";
