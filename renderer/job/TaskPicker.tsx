import { useState } from 'react';
import { Button, Input, Label, TextField } from 'react-aria-components';
import type { JobTask } from '../../shared/contract/jobsMethods';
import { JobStateBadge } from '../jobs/JobStateBadge';
import { Icon } from '../theme/Icon';

type TaskPickerProps = {
  indices: readonly number[];
  current: number;
  states: ReadonlyMap<number, JobTask>;
  onPick: (task: number) => void;
};

/**
 * Which task of an array the Output and Result tabs show: previous and next step through the
 * array's own indices (a range may skip numbers), and a task number can be typed.
 */
export function TaskPicker({ indices, current, states, onPick }: TaskPickerProps) {
  const [typed, setTyped] = useState<string | null>(null);
  const at = indices.indexOf(current);
  const state = states.get(current);
  const problem = typed !== null && typed.trim() !== '' && !indices.includes(Number(typed)) ? `This array has no task ${typed.trim()}` : null;

  function commit() {
    if (typed === null) return;
    const wanted = Number(typed);
    if (/^\d+$/.test(typed.trim()) && indices.includes(wanted)) {
      onPick(wanted);
      setTyped(null);
    }
  }

  return (
    <div className="task-picker" data-testid="task-picker">
      <Button className="icon-button" aria-label="Previous task" isDisabled={at <= 0} onPress={() => onPick(indices[at - 1]!)} data-testid="task-previous">
        <Icon name="chevron-left" />
      </Button>
      <TextField className="task-picker-field" value={typed ?? String(current)} onChange={setTyped} onBlur={() => setTyped(null)} onKeyDown={(event) => event.key === 'Enter' && commit()} isInvalid={problem !== null}>
        <Label className="task-picker-label">Task</Label>
        <Input className="input task-picker-input mono" inputMode="numeric" data-testid="task-number" />
      </TextField>
      <Button className="icon-button" aria-label="Next task" isDisabled={at === -1 || at >= indices.length - 1} onPress={() => onPick(indices[at + 1]!)} data-testid="task-next">
        <Icon name="chevron-right" />
      </Button>
      <span className="form-hint" data-testid="task-position">
        {at + 1} of {indices.length}
      </span>
      {state && <JobStateBadge state={state.state} />}
      {problem && (
        <span className="form-error" role="alert">
          {problem}
        </span>
      )}
    </div>
  );
}
