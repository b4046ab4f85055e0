import { useDecision, type DecisionProps } from './DecisionFormShell';
import { DispositionForm } from './DispositionForm';
import { VerdictForm } from './VerdictForm';

/** The decision form of the task's type: a disposition of the comments, else one of the type's decisions. */
export function DecisionForm(props: DecisionProps) {
  const recording = useDecision(props);
  return props.task.type === 'disposition' ? (
    <DispositionForm task={props.task} recording={recording} />
  ) : (
    <VerdictForm task={props.task} recording={recording} />
  );
}
