import type { Task } from '../../api/client';
import { useDecision } from './DecisionFormShell';
import { DispositionForm } from './DispositionForm';
import { VerdictForm } from './VerdictForm';

/** The decision form of the task's type: a disposition of the comments, else one of the type's decisions. */
export function DecisionForm({
  task,
  onConflict,
  onDecided,
}: {
  task: Task;
  /** Someone else decided or claimed the task (409). */
  onConflict: () => void;
  onDecided: () => void;
}) {
  const recording = useDecision(task, onConflict, onDecided);
  return task.type === 'disposition' ? (
    <DispositionForm task={task} recording={recording} />
  ) : (
    <VerdictForm task={task} recording={recording} />
  );
}
