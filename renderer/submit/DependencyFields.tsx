import { useState } from 'react';
import { Button, ComboBox, Input, Label, ListBox, ListBoxItem, Popover, Select, SelectValue, Text } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import { dependencyTypes, type Dependency } from '../../shared/jobs/jobSpec';
import { SlurmJobIdSchema } from '../../shared/jobs/slurmValues';
import { type DependencyEntry, type FieldErrors, useSubmitFormStore } from './submitFormStore';
import { useJobChoices } from './useJobChoices';

type DependencyType = Dependency['type'];

const typeLabels: Record<DependencyType, string> = {
  afterok: 'afterok: after it succeeds',
  afterany: 'afterany: after it ends, however',
  afternotok: 'afternotok: after it fails',
  after: 'after: once it has started',
};

/** Jobs this one waits for: a job of this app picked by name or id, or any Slurm job by its raw id. */
export function DependencyFields({ client, errors }: { client: ContractClient; errors: FieldErrors }) {
  const cluster = useSubmitFormStore((state) => state.fields.cluster);
  const dependencies = useSubmitFormStore((state) => state.fields.dependencies);
  const addDependency = useSubmitFormStore((state) => state.addDependency);
  const removeDependency = useSubmitFormStore((state) => state.removeDependency);
  const jobs = useJobChoices(client).filter((job) => job.cluster === cluster);
  const [query, setQuery] = useState('');
  const [pickedJob, setPickedJob] = useState<string | null>(null);
  const [type, setType] = useState<DependencyType>('afterok');
  const [problem, setProblem] = useState<string | null>(null);

  function add() {
    const job = jobs.find((known) => known.id === pickedJob);
    const typed = query.trim();
    let entry: DependencyEntry;
    if (job && typed === labelOf(job)) entry = { type, on: { job: job.id }, label: labelOf(job) };
    else if (SlurmJobIdSchema.safeParse(typed).success) entry = { type, on: { slurmId: typed }, label: `Slurm job ${typed}` };
    else {
      setProblem(typed === '' ? 'Pick a job, or type a Slurm job id like 12345' : `"${typed}" is neither a job in the list nor a Slurm job id (digits, or 123_4)`);
      return;
    }
    addDependency(entry);
    setQuery('');
    setPickedJob(null);
    setProblem(null);
  }

  return (
    <fieldset className="form-section" data-testid="dependency-fields">
      <legend className="form-section-title">Dependencies</legend>
      <div className="dependency-picker">
        <ComboBox
          className="form-field dependency-job"
          allowsCustomValue
          inputValue={query}
          onInputChange={(value) => {
            setQuery(value);
            setProblem(null);
          }}
          onSelectionChange={(key) => setPickedJob(typeof key === 'string' ? key : null)}
          defaultItems={jobs}
          isInvalid={problem !== null}
          data-testid="dependency-job"
        >
          <Label className="form-label">Wait for</Label>
          <div className="combo-input">
            <Input className="form-input" placeholder="Search jobs by name or id, or type a Slurm id" spellCheck={false} />
            <Button className="combo-button" aria-label="Show jobs">
              ▾
            </Button>
          </div>
          <Text slot="description" className={problem ? 'form-error' : 'form-hint'} data-testid="dependency-problem">
            {problem ?? 'Jobs of this cluster, newest first.'}
          </Text>
          <Popover className="select-popover">
            <ListBox className="select-list" renderEmptyState={() => <p className="select-empty">No job matches: a Slurm id is used as typed.</p>}>
              {(job: (typeof jobs)[number]) => (
                <ListBoxItem id={job.id} textValue={labelOf(job)} className="select-option">
                  {labelOf(job)} <span className="partition-option-facts">{job.state.toLowerCase()}</span>
                </ListBoxItem>
              )}
            </ListBox>
          </Popover>
        </ComboBox>
        <Select className="form-field dependency-type" value={type} onChange={(key) => setType(dependencyTypes.find((known) => known === key) ?? 'afterok')} data-testid="dependency-type">
          <Label className="form-label">When</Label>
          <Button className="form-input select-button">
            <SelectValue>{type}</SelectValue>
            <span className="select-chevron" aria-hidden="true">
              ▾
            </span>
          </Button>
          <Popover className="select-popover">
            <ListBox className="select-list">
              {dependencyTypes.map((known) => (
                <ListBoxItem key={known} id={known} className="select-option" textValue={known}>
                  {typeLabels[known]}
                </ListBoxItem>
              ))}
            </ListBox>
          </Popover>
        </Select>
        <Button className="button dependency-add" onPress={add} data-testid="dependency-add">
          Add
        </Button>
      </div>
      {dependencies.length > 0 && (
        <ul className="dependency-list" aria-label="Chosen dependencies" data-testid="dependency-list">
          {dependencies.map((dependency, index) => (
            <li key={`${dependency.type}:${JSON.stringify(dependency.on)}`} className="dependency-item">
              <span className="mono">{dependency.type}</span> {dependency.label}
              <Button className="button button-small" onPress={() => removeDependency(index)} aria-label={`Remove ${dependency.type} on ${dependency.label}`}>
                Remove
              </Button>
            </li>
          ))}
        </ul>
      )}
      {errors.dependencies && <p className="form-error">{errors.dependencies}</p>}
    </fieldset>
  );
}

function labelOf(job: { id: string; name: string; slurmId: string | null }): string {
  return `${job.name} (${job.slurmId ?? job.id})`;
}
