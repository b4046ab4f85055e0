/**
 * Temporal's determinism guard: every recorded history (histories/, recorded by test/workflows/shapes.int-spec.ts)
 * must replay against today's workflow code, the code a worker would run for the plans already
 * under review. A failure means a change would break running workflows: patch it
 * (`patched()`), or, for a deliberate change of a released shape, re-record that shape's history.
 * Replay needs no server and no database; the negative controls prove that a violation is caught.
 */
import { join } from 'node:path';
import { existsSync } from 'node:fs';
import { DefaultLogger, Runtime, Worker, WorkflowBundleWithSourceMap, bundleWorkflowCode } from '@temporalio/worker';
import { DeterminismViolationError } from '@temporalio/workflow';
import { WORKFLOWS_PATH, webpackConfigHook } from '../../apps/worker/src/workflow-bundle';
import {
  ADOPTION_RECORD_PATCH,
  ADOPTION_RECORD_SHAPES,
  ONE_STEP_PATCH,
  ONE_STEP_SHAPES,
  ONE_TASK_PATCH,
  ONE_TASK_SHAPES,
  RECORDED,
  RENAMED_ACTIVITY,
  RULE_EVENTS_PATCH,
  RULE_EVENTS_SHAPES,
  V05_SHAPES,
  V06_SHAPES,
  NAMED_STEPS_PATCH,
  DISPOSITION_CONSULTS_NEW_PATCH,
  SHAPES,
  brokenPath,
  decisionTaskSpans,
  historyPath,
  readHistory,
  readManifest,
  localActivityTypesOf,
  patchIdsOf,
  renameFirstActivity,
  renamePatch,
  scheduledActivityTypesOf,
  workflowTypeOf,
} from './recorded-histories';
import { historyFromJSON as historyFromJson } from '@temporalio/common/lib/proto-utils';
import { RECORD_STEPS } from '@aoc/workflows/record-steps';

const manifest = readManifest();
const ALTERED_WORKFLOWS_PATH = join(__dirname, 'altered-workflows');
/** Replay failures are expected in the negative controls; only the test's assertions report them. */
const logger = new DefaultLogger('ERROR', () => undefined);

describe('replay of the recorded workflow histories', () => {
  let released: WorkflowBundleWithSourceMap;

  beforeAll(async () => {
    Runtime.install({
      logger,
      telemetryOptions: { logging: { filter: { core: 'ERROR', other: 'ERROR' }, forward: {} } },
    });
    released = await bundleWorkflowCode({ workflowsPath: WORKFLOWS_PATH, webpackConfigHook, logger });
  });

  it('has a recorded history of every released workflow shape, each of a closed run', () => {
    expect(manifest.histories.map((entry) => entry.name)).toEqual([...RECORDED]);
    for (const entry of manifest.histories) {
      const history = readHistory(historyPath(entry.name));
      expect({ name: entry.name, type: workflowTypeOf(history), last: history.events.at(-1)?.eventType }).toEqual({
        name: entry.name,
        type: entry.workflowType,
        last: entry.closedBy,
      });
    }
  });

  it('has each shape on every command order: 0.2.0 without patch markers, 0.3 with ONE_STEP_PATCH, 0.4 also with ADOPTION_RECORD_PATCH, 0.5 with RULE_EVENTS_PATCH, ONE_TASK_PATCH or both', () => {
    const patchesOf = (name: string) => patchIdsOf(readHistory(historyPath(name)));
    for (const name of SHAPES) expect({ name, patches: patchesOf(name) }).toEqual({ name, patches: [] });
    for (const name of ONE_STEP_SHAPES) {
      expect({ name, patches: patchesOf(name) }).toEqual({ name, patches: [ONE_STEP_PATCH] });
    }
    for (const name of ADOPTION_RECORD_SHAPES) {
      expect({ name, patches: patchesOf(name) }).toEqual({ name, patches: [ONE_STEP_PATCH, ADOPTION_RECORD_PATCH] });
    }
    // 0.5: the events of DOMAIN §6 as clarified; an endorsed review still ends with its adoption record.
    for (const name of RULE_EVENTS_SHAPES) {
      const endorsed = scheduledActivityTypesOf(readHistory(historyPath(name))).includes('issueAdoptionRecord');
      const patches = [ONE_STEP_PATCH, RULE_EVENTS_PATCH, ...(endorsed ? [ADOPTION_RECORD_PATCH] : [])];
      expect({ name, patches: patchesOf(name) }).toEqual({ name, patches });
    }
    // 0.5: a decision in one workflow task; an endorsed review still ends with its adoption record.
    for (const name of ONE_TASK_SHAPES) {
      const patches = patchesOf(name);
      const endorsed = patches.includes(ADOPTION_RECORD_PATCH);
      expect({ name, patches }).toEqual({
        name,
        patches: [ONE_STEP_PATCH, ONE_TASK_PATCH, ...(endorsed ? [ADOPTION_RECORD_PATCH] : [])],
      });
    }
    // 0.5 as released: both patches, the events of §6 first.
    for (const name of V05_SHAPES) {
      const patches = patchesOf(name);
      const endorsed = patches.includes(ADOPTION_RECORD_PATCH);
      expect({ name, patches }).toEqual({
        name,
        patches: [ONE_STEP_PATCH, RULE_EVENTS_PATCH, ONE_TASK_PATCH, ...(endorsed ? [ADOPTION_RECORD_PATCH] : [])],
      });
    }
    // 0.6: the 0.5 patches, then the named steps (and a disposition's version's own, where one came).
    for (const name of V06_SHAPES) {
      const patches = patchesOf(name);
      const endorsed = patches.includes(ADOPTION_RECORD_PATCH);
      const disposed = patches.includes(DISPOSITION_CONSULTS_NEW_PATCH);
      expect({ name, patches }).toEqual({
        name,
        patches: [
          ONE_STEP_PATCH,
          RULE_EVENTS_PATCH,
          ONE_TASK_PATCH,
          NAMED_STEPS_PATCH,
          ...(disposed ? [DISPOSITION_CONSULTS_NEW_PATCH] : []),
          ...(endorsed ? [ADOPTION_RECORD_PATCH] : []),
        ],
      });
    }
  });

  it('writes no review record from a local activity in the 0.3 and later histories (only the lookups are local)', () => {
    for (const name of [...ONE_STEP_SHAPES, ...RULE_EVENTS_SHAPES, ...ONE_TASK_SHAPES, ...V05_SHAPES, ...V06_SHAPES]) {
      const local = new Set(localActivityTypesOf(readHistory(historyPath(name))));
      const writesLocally = [...RECORD_STEPS, 'writeReviewRecords'].some((step) => local.has(step));
      expect({ name, writesLocally }).toEqual({ name, writesLocally: false });
    }
  });

  it('answers every decision in the workflow task that accepts it in the 0.5 histories, in the next one in the 0.3 ones', () => {
    for (const name of [...ONE_TASK_SHAPES, ...V05_SHAPES, ...V06_SHAPES]) {
      const spans = decisionTaskSpans(readHistory(historyPath(name)));
      expect({ name, spans: [...new Set(spans)] }).toEqual({ name, spans: spans.length ? [0] : [] });
    }
    const before = decisionTaskSpans(readHistory(historyPath('national-endorsed.one-step')));
    expect(before.length).toBeGreaterThan(0);
    expect(before.every((span) => span >= 1)).toBe(true);
  });

  it.each(manifest.histories)('replays $name ($workflowType) without a determinism violation', async (entry) => {
    const history = readHistory(historyPath(entry.name));
    await expect(
      Worker.runReplayHistory({ workflowBundle: released }, historyFromJson(history), entry.workflowId),
    ).resolves.toBeUndefined();
  });

  describe('negative controls', () => {
    it('has at least one deliberately broken history', () => {
      expect(manifest.broken.length).toBeGreaterThan(0);
      for (const entry of manifest.broken) expect(existsSync(brokenPath(entry.name))).toBe(true);
    });

    it.each(manifest.broken)('rejects the altered history $name with a DeterminismViolationError', async (entry) => {
      const broken = readHistory(brokenPath(entry.name));
      // The copy differs from its (replayable) original in the renamed activity only.
      expect(renameFirstActivity(broken, RENAMED_ACTIVITY.to, RENAMED_ACTIVITY.from)).toEqual(
        readHistory(historyPath(entry.basedOn)),
      );
      const replay = Worker.runReplayHistory({ workflowBundle: released }, historyFromJson(broken), entry.workflowId);
      await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
      await expect(replay).rejects.toThrow(entry.expectedError);
    });

    it('rejects a 0.3 history whose patch marker names another patch (replay takes the 0.2 path)', async () => {
      const entry = manifest.histories.find((e) => e.name === 'secretariat-reject.one-step')!;
      const history = readHistory(historyPath(entry.name));
      const altered = renamePatch(history, ONE_STEP_PATCH, 'some-other-patch');
      expect(patchIdsOf(altered)).toEqual(['some-other-patch']);
      const replay = Worker.runReplayHistory({ workflowBundle: released }, historyFromJson(altered), entry.workflowId);
      await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
    });

    it('rejects a recorded history replayed against deliberately altered workflow code', async () => {
      const altered = await bundleWorkflowCode({ workflowsPath: ALTERED_WORKFLOWS_PATH, webpackConfigHook, logger });
      const entry = manifest.histories.find((e) => e.name === 'secretariat-reject')!;
      const history = readHistory(historyPath(entry.name));
      const replay = Worker.runReplayHistory({ workflowBundle: altered }, historyFromJson(history), entry.workflowId);
      await expect(replay).rejects.toBeInstanceOf(DeterminismViolationError);
      await expect(replay).rejects.toThrow(
        "Activity type of scheduled event 'writeReviewRecords' does not match activity type of activity command 'readGofSeats'",
      );
      // The child workflow is unchanged in the altered bundle: its history still replays.
      const child = manifest.histories.find((e) => e.name === 'regional-consultation-child')!;
      await expect(
        Worker.runReplayHistory(
          { workflowBundle: altered },
          historyFromJson(readHistory(historyPath(child.name))),
          child.workflowId,
        ),
      ).resolves.toBeUndefined();
    });
  });
});
