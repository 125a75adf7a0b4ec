import { ClusterSelect } from './ClusterSelect';
import { FormTextField } from './FormTextField';
import { type FieldErrors, useSubmitFormStore } from './submitFormStore';

/** Where the job runs and what it asks for; everything but the cluster may be left empty. */
export function ResourceFields({ errors }: { errors: FieldErrors }) {
  const fields = useSubmitFormStore((state) => state.fields);
  const setField = useSubmitFormStore((state) => state.setField);
  return (
    <fieldset className="form-section">
      <legend className="form-section-title">Resources</legend>
      <div className="form-row">
        <ClusterSelect error={errors.cluster} />
        <FormTextField
          label="Partition"
          description="Optional."
          value={fields.partition}
          onChange={(value) => setField('partition', value)}
          error={errors.partition}
          testId="field-partition"
        />
      </div>
      <div className="form-row form-row-3">
        <FormTextField
          label="Time limit"
          description="Optional, e.g. 1:30:00."
          value={fields.time}
          onChange={(value) => setField('time', value)}
          error={errors.time}
          testId="field-time"
        />
        <FormTextField
          label="CPUs per task"
          description="Optional."
          value={fields.cpusPerTask}
          onChange={(value) => setField('cpusPerTask', value)}
          error={errors.cpusPerTask}
          testId="field-cpus"
        />
        <FormTextField
          label="Memory"
          description="Optional, e.g. 4G."
          value={fields.mem}
          onChange={(value) => setField('mem', value)}
          error={errors.mem}
          testId="field-mem"
        />
      </div>
    </fieldset>
  );
}
