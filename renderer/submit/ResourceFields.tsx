import type { ContractClient } from '../../shared/contract/client';
import { useClusterOverview } from '../clusterOverview/useClusterOverview';
import { checkTimeAgainstPartition } from './buildJobSpec';
import { ClusterSelect } from './ClusterSelect';
import { FormTextField } from './FormTextField';
import { PartitionField } from './PartitionField';
import { type FieldErrors, type TextFields, useSubmitFormStore } from './submitFormStore';

type Simple = { key: keyof TextFields & keyof FieldErrors; label: string; description: string; testId: string; mono?: boolean; multiline?: boolean };

const moreFields: Simple[] = [
  { key: 'nodes', label: 'Nodes', description: 'Optional.', testId: 'field-nodes' },
  { key: 'ntasks', label: 'Tasks', description: 'Optional (--ntasks).', testId: 'field-ntasks' },
  { key: 'memPerCpu', label: 'Memory per CPU', description: 'Optional, instead of Memory.', testId: 'field-mem-per-cpu' },
  { key: 'gpus', label: 'GPUs', description: 'Optional: 2 or a100:2.', testId: 'field-gpus', mono: true },
  { key: 'gres', label: 'GRES', description: 'Optional: gpu:a100:1.', testId: 'field-gres', mono: true },
  { key: 'constraint', label: 'Constraint', description: 'Optional node features.', testId: 'field-constraint', mono: true },
];

function SimpleField({ field, errors }: { field: Simple; errors: FieldErrors }) {
  const value = useSubmitFormStore((state) => state.fields[field.key]);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <FormTextField
      label={field.label}
      description={field.description}
      value={value}
      onChange={(next) => setField(field.key, next)}
      error={errors[field.key]}
      testId={field.testId}
      {...(field.mono ? { mono: true } : {})}
    />
  );
}

/** Where the job runs and what it asks for; everything but the cluster may be left empty. */
export function ResourceFields({ client, errors }: { client: ContractClient; errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  const { overview, loading } = useClusterOverview(client, fields.cluster);
  const partitions = overview?.cluster === fields.cluster ? overview.partitions : [];
  const limitError = checkTimeAgainstPartition(fields.time, partitions.find((known) => known.name === fields.partition));
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">Resources</legend>
      <div className="form-row">
        <ClusterSelect client={client} error={errors.cluster} />
        <PartitionField partitions={partitions} loading={loading} error={errors.partition} />
      </div>
      <div className="form-row">
        <SimpleField field={{ key: 'account', label: 'Account', description: 'Optional.', testId: 'field-account' }} errors={errors} />
        <SimpleField field={{ key: 'qos', label: 'QOS', description: 'Optional.', testId: 'field-qos' }} errors={errors} />
      </div>
      <div className="form-row form-row-3">
        <FormTextField
          label="Time limit"
          description="Optional, e.g. 1:30:00."
          value={fields.time}
          onChange={(value) => setField('time', value)}
          error={limitError ?? errors.time}
          testId="field-time"
        />
        <SimpleField field={{ key: 'cpusPerTask', label: 'CPUs per task', description: 'Optional.', testId: 'field-cpus' }} errors={errors} />
        <SimpleField field={{ key: 'mem', label: 'Memory', description: 'Optional, e.g. 4G.', testId: 'field-mem' }} errors={errors} />
      </div>
      <div className="form-row form-row-3">
        {moreFields.map((field) => (
          <SimpleField key={field.key} field={field} errors={errors} />
        ))}
      </div>
      <FormTextField
        label="Extra directives"
        description="Optional, one per line: --exclusive, --mail-type=END."
        value={fields.extra}
        onChange={(value) => setField('extra', value)}
        error={errors.extra}
        multiline
        mono
        rows={2}
        testId="field-extra"
      />
    </fieldset>
  );
}
