import { create } from 'zustand';
import type { JobSpec } from '../../shared/jobs/jobSpec';

export type TaskKind = 'script' | 'python';

/** The form as typed: every field a string, turned into a job spec only on Preview or Submit. */
export type SubmitFields = {
  kind: TaskKind;
  name: string;
  body: string;
  target: string;
  args: string;
  kwargs: string;
  cluster: string;
  partition: string;
  time: string;
  cpusPerTask: string;
  mem: string;
};

export type FieldKey = Exclude<keyof SubmitFields, 'kind'>;
export type FieldErrors = Partial<Record<FieldKey, string>>;

type SubmitFormState = {
  fields: SubmitFields;
  setKind: (kind: TaskKind) => void;
  setField: (key: FieldKey, value: string) => void;
  /** Fills the form from an earlier job's spec ("Submit again from this job"). */
  loadSpec: (spec: JobSpec) => void;
};

const initialFields: SubmitFields = {
  kind: 'script',
  name: '',
  body: '',
  target: '',
  args: '[]',
  kwargs: '{}',
  cluster: 'embedded',
  partition: '',
  time: '',
  cpusPerTask: '',
  mem: '',
};

/** A store rather than component state, so a half-written job survives a visit to another view. */
export const useSubmitFormStore = create<SubmitFormState>()((set) => ({
  fields: initialFields,
  setKind: (kind) => {
    set((state) => ({ fields: { ...state.fields, kind } }));
  },
  setField: (key, value) => {
    set((state) => ({ fields: { ...state.fields, [key]: value } }));
  },
  loadSpec: (spec) => {
    set({ fields: fieldsFromSpec(spec) });
  },
}));

/** The form's text for a spec; what the form has no field for (arrays, environment…) is not carried over. */
function fieldsFromSpec(spec: JobSpec): SubmitFields {
  const { task, resources } = spec;
  return {
    ...initialFields,
    kind: task.kind,
    name: spec.name,
    cluster: spec.cluster,
    body: task.kind === 'script' ? task.body : '',
    target: task.kind === 'python' ? task.target : '',
    args: task.kind === 'python' ? JSON.stringify(task.args) : initialFields.args,
    kwargs: task.kind === 'python' ? JSON.stringify(task.kwargs) : initialFields.kwargs,
    partition: resources.partition ?? '',
    time: resources.time ?? '',
    cpusPerTask: resources.cpusPerTask === undefined ? '' : String(resources.cpusPerTask),
    mem: resources.mem ?? '',
  };
}
