import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The recorded workflow histories that replay.int-spec.ts replays, shared with their recorder
 * (test/workflows/shapes.int-spec.ts). Each history is the JSON that `temporal workflow show
 * --output json` also writes (`historyToJSON`), in `histories/<name>.json`; `manifest.json`
 * keeps what a history file does not hold: the workflow id, which the workflows use (child
 * workflow ids are derived from it, and replay checks them).
 */

export const HISTORIES_DIR = join(__dirname, 'histories');
export const BROKEN_DIR = join(HISTORIES_DIR, 'broken');
export const MANIFEST_PATH = join(HISTORIES_DIR, 'manifest.json');
export const historyPath = (name: string) => join(HISTORIES_DIR, `${name}.json`);

/**
 * Every workflow shape released with 0.2.0, recorded on its command order (reviews started before
 * 0.3 still run it); the replay test fails if one of them has no recorded history.
 */
export const SHAPES = [
  'national-endorsed',
  'objection-reconsultation',
  'secretariat-revision-approved',
  'secretariat-reject',
  'silence-broken',
  'withdrawn-mid-consultation',
  'withdrawn-consultation-child',
  'regional-three-consultations',
  'regional-consultation-child',
  'extended-deadline',
  'secretariat-overdue',
  'cancelled-during-endorsement',
  'silence-holds',
  'escalation-after-rounds',
  'reassigned-and-hidden',
  'disposition-with-revision',
] as const;
export type Shape = (typeof SHAPES)[number];

/** The patch id of the 0.3 command order (workflows/src/journal.ts, ONE_STEP_DECISIONS). */
export const ONE_STEP_PATCH = 'v0.3-one-step-decisions';
/** The patch id of the adoption record, an endorsed review's last step (plan-review.workflow.ts, ADOPTION_RECORD). */
export const ADOPTION_RECORD_PATCH = 'v0.4-adoption-record';
/**
 * The same shapes recorded on the 0.3 command order (patch ONE_STEP_PATCH): `<shape>.one-step`.
 * A new command order gets new names; a recorded history is never recorded again.
 */
export const oneStepName = (shape: Shape) => `${shape}.one-step` as const;
export type OneStepShape = ReturnType<typeof oneStepName>;
export const ONE_STEP_SHAPES: readonly OneStepShape[] = SHAPES.map(oneStepName);
/**
 * The endorsed shapes recorded on the 0.4 command order, which ends with the adoption record
 * (patch ADOPTION_RECORD_PATCH, on top of ONE_STEP_PATCH): `<shape>.adoption-record`.
 */
export const RECORD_SHAPES = ['national-endorsed', 'silence-holds'] as const satisfies readonly Shape[];
export const adoptionRecordName = (shape: (typeof RECORD_SHAPES)[number]) => `${shape}.adoption-record` as const;
export type AdoptionRecordShape = ReturnType<typeof adoptionRecordName>;
export const ADOPTION_RECORD_SHAPES: readonly AdoptionRecordShape[] = RECORD_SHAPES.map(adoptionRecordName);
/** The patch id of the events of DOMAIN §6 as clarified (workflows/src/journal.ts, RULE_EVENTS). */
export const RULE_EVENTS_PATCH = 'v0.5-rule-events';
/**
 * Every shape recorded on the 0.5 order (patch RULE_EVENTS_PATCH, on top of ONE_STEP_PATCH; an
 * endorsed one also ends with ADOPTION_RECORD_PATCH): `<shape>.rule-events`.
 */
export const ruleEventsName = (shape: Shape) => `${shape}.rule-events` as const;
export type RuleEventsShape = ReturnType<typeof ruleEventsName>;
export const RULE_EVENTS_SHAPES: readonly RuleEventsShape[] = SHAPES.map(ruleEventsName);
/** The patch id of a decision in one workflow task (workflows/src/journal.ts, ONE_TASK_DECISIONS). */
export const ONE_TASK_PATCH = 'v0.5-one-task-decisions';
/**
 * The same shapes recorded on the 0.5 command order (patches ONE_STEP_PATCH and ONE_TASK_PATCH, and
 * on an endorsed review ADOPTION_RECORD_PATCH too): `<shape>.one-task`.
 */
export const oneTaskName = (shape: Shape) => `${shape}.one-task` as const;
export type OneTaskShape = ReturnType<typeof oneTaskName>;
export const ONE_TASK_SHAPES: readonly OneTaskShape[] = SHAPES.map(oneTaskName);
/**
 * Both 0.5 patches were built side by side, each recorded on its own above; a review started on 0.5
 * takes both (RULE_EVENTS_PATCH, then ONE_TASK_PATCH): `<shape>.v0.5`.
 */
export const v05Name = (shape: Shape) => `${shape}.v0.5` as const;
export type V05Shape = ReturnType<typeof v05Name>;
export const V05_SHAPES: readonly V05Shape[] = SHAPES.map(v05Name);
/** The patch id of the writes named for their business steps (workflows/src/record-steps.ts, NAMED_STEPS). */
export const NAMED_STEPS_PATCH = 'v0.6-named-steps';
/**
 * The patch id of a disposition's version consulting what it adds (plan-review.workflow.ts,
 * DISPOSITION_CONSULTS_NEW), decided only when a disposition attaches a version.
 */
export const DISPOSITION_CONSULTS_NEW_PATCH = 'v0.6-disposition-consults-new';
/**
 * Every shape recorded on the 0.6 order (the 0.5 patches, then NAMED_STEPS_PATCH; a disposition's
 * version adds DISPOSITION_CONSULTS_NEW_PATCH, an endorsed review ADOPTION_RECORD_PATCH): `<shape>.v0.6`.
 */
export const v06Name = (shape: Shape) => `${shape}.v0.6` as const;
export type V06Shape = ReturnType<typeof v06Name>;
export const V06_SHAPES: readonly V06Shape[] = SHAPES.map(v06Name);
/** Every recorded history, in the manifest's order. */
export type RecordedName =
  Shape | OneStepShape | AdoptionRecordShape | RuleEventsShape | OneTaskShape | V05Shape | V06Shape;
export const RECORDED: readonly RecordedName[] = [
  ...SHAPES,
  ...ONE_STEP_SHAPES,
  ...ADOPTION_RECORD_SHAPES,
  ...RULE_EVENTS_SHAPES,
  ...ONE_TASK_SHAPES,
  ...V05_SHAPES,
  ...V06_SHAPES,
];

export type WorkflowType = 'planReviewWorkflow' | 'nationalConsultationWorkflow';

export interface RecordedHistory {
  name: RecordedName;
  workflowType: WorkflowType;
  workflowId: string;
  /** The history's last event, e.g. EVENT_TYPE_WORKFLOW_EXECUTION_COMPLETED: every history is of a closed run. */
  closedBy: string;
  description: string;
}

/** A deliberately altered copy of a recorded history: the replay must reject it. */
export interface BrokenHistory {
  name: string;
  basedOn: Shape;
  workflowId: string;
  alteration: string;
  /** A fragment of the DeterminismViolationError's message. */
  expectedError: string;
}

export interface Manifest {
  recordedWith: string;
  histories: RecordedHistory[];
  broken: BrokenHistory[];
}

/** A history in its JSON form; only the fields the tests look at are typed. */
export interface HistoryJson {
  events: {
    eventId: string;
    eventType: string;
    workflowExecutionStartedEventAttributes?: { workflowType?: { name?: string } };
    activityTaskScheduledEventAttributes?: { activityType?: { name?: string } };
    [attributes: string]: unknown;
  }[];
}

export const brokenPath = (name: string) => join(BROKEN_DIR, `${name}.json`);

export function readManifest(): Manifest {
  try {
    return JSON.parse(readFileSync(MANIFEST_PATH, 'utf8')) as Manifest;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { recordedWith: '', histories: [], broken: [] };
    throw error;
  }
}

/** Writes the manifest in a stable order, so that re-recording one shape changes only its own entry. */
export function writeManifest(manifest: Manifest): void {
  const order = (name: string) => RECORDED.indexOf(name as RecordedName);
  const sorted: Manifest = {
    recordedWith: manifest.recordedWith,
    histories: [...manifest.histories].sort((a, b) => order(a.name) - order(b.name)),
    broken: [...manifest.broken].sort((a, b) => a.name.localeCompare(b.name)),
  };
  writeFileSync(MANIFEST_PATH, `${JSON.stringify(sorted, null, 2)}\n`);
}

export function readHistory(path: string): HistoryJson {
  return JSON.parse(readFileSync(path, 'utf8')) as HistoryJson;
}

export const workflowTypeOf = (history: HistoryJson) =>
  history.events[0]?.workflowExecutionStartedEventAttributes?.workflowType?.name;

interface MarkerAttributes {
  markerName?: string;
  details?: Record<string, { payloads?: { data?: string }[] }>;
}

/** The ids of the patches whose markers the history records (a `core_patch` marker's `patch-data` holds `{id, deprecated}`). */
export function patchIdsOf(history: HistoryJson): string[] {
  return history.events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes as MarkerAttributes | undefined;
    if (marker?.markerName !== 'core_patch') return [];
    const data = marker.details?.['patch-data']?.payloads?.[0]?.data;
    return data ? [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { id: string }).id] : [];
  });
}

/**
 * The activity types the history ran as local activities (a `core_local_activity` marker's `data`
 * holds `{activity_type, …}`). `writeReviewRecords` must never be one: a local activity runs before
 * the workflow task that accepts an Update completes, so its write could outlive an Update the
 * history never accepted (docs/workflow-versions.md, "Why an Update's write is not a local activity").
 */
export function localActivityTypesOf(history: HistoryJson): string[] {
  return history.events.flatMap((event) => {
    const marker = event.markerRecordedEventAttributes as MarkerAttributes | undefined;
    if (marker?.markerName !== 'core_local_activity') return [];
    const data = marker.details?.data?.payloads?.[0]?.data;
    return data
      ? [(JSON.parse(Buffer.from(data, 'base64').toString('utf8')) as { activity_type: string }).activity_type]
      : [];
  });
}

/** The activity types the history scheduled (remote activities), in order. */
export function scheduledActivityTypesOf(history: HistoryJson): string[] {
  return history.events.flatMap((event) => {
    const name = event.activityTaskScheduledEventAttributes?.activityType?.name;
    return name ? [name] : [];
  });
}

/** A deep copy of `history` whose patch markers name `to` instead of `from`: replay must then take the other path. */
export function renamePatch(history: HistoryJson, from: string, to: string): HistoryJson {
  const copy = structuredClone(history);
  let renamed = 0;
  for (const event of copy.events) {
    const marker = event.markerRecordedEventAttributes as MarkerAttributes | undefined;
    const payload = marker?.markerName === 'core_patch' ? marker.details?.['patch-data']?.payloads?.[0] : undefined;
    if (!payload?.data) continue;
    const value = JSON.parse(Buffer.from(payload.data, 'base64').toString('utf8')) as { id: string };
    if (value.id !== from) continue;
    payload.data = Buffer.from(JSON.stringify({ ...value, id: to })).toString('base64');
    renamed++;
  }
  if (renamed === 0) throw new Error(`the history records no patch ${from}`);
  return copy;
}

/** The negative control's alteration: the first scheduled `readPlanVersion` activity gets another type. */
export const RENAMED_ACTIVITY = { from: 'readPlanVersion', to: 'readPlanVersionRenamed' } as const;

/** A deep copy of `history` in which the first ActivityTaskScheduled event of type `from` is of type `to`. */
export function renameFirstActivity(history: HistoryJson, from: string, to: string): HistoryJson {
  const copy = structuredClone(history);
  const event = copy.events.find((e) => e.activityTaskScheduledEventAttributes?.activityType?.name === from);
  if (!event) throw new Error(`the history schedules no ${from} activity`);
  event.activityTaskScheduledEventAttributes!.activityType!.name = to;
  return copy;
}

/**
 * For each decision's Update (its id `complete:<task>:<key>`), how many workflow tasks started
 * between its acceptance and its completion: 0 when the decision answers in the workflow task that
 * accepts it (ONE_TASK_PATCH), 1 when its handler waited for its write (0.3).
 */
export function decisionTaskSpans(history: HistoryJson): number[] {
  const index = new Map(history.events.map((event, i) => [event.eventId, i]));
  return history.events.flatMap((event, i) => {
    const completed = event.workflowExecutionUpdateCompletedEventAttributes as
      { meta?: { updateId?: string }; acceptedEventId?: string } | undefined;
    if (!completed?.meta?.updateId?.startsWith('complete:') || !completed.acceptedEventId) return [];
    const from = index.get(completed.acceptedEventId) ?? i;
    return [history.events.slice(from, i).filter((e) => e.eventType === 'EVENT_TYPE_WORKFLOW_TASK_STARTED').length];
  });
}
