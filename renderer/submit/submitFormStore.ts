import { create } from 'zustand';

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
}));
