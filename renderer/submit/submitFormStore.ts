import { create } from 'zustand';
import type { UploadCheck } from '../../shared/contract/uploadMethods';
import { defaultUploadIgnore, type JobSpec } from '../../shared/jobs/jobSpec';
import { fieldsFromSpec } from './fieldsFromSpec';
import { initialFields, type DependencyEntry, type ItemsFormat, type ArrayMode, type SubmitFields, type TaskKind, type TextFields } from './submitFields';

export type { ArrayMode, DependencyEntry, FieldErrors, FieldKey, ItemsFormat, SubmitFields, TaskKind, TextFields } from './submitFields';

type SubmitFormState = {
  fields: SubmitFields;
  /** What main found the picked file or folder ships (null when nothing was picked here). */
  shipped: UploadCheck | null;
  /** A file or folder was picked and checked: the job ships it, a Python file becomes the target. */
  ship: (check: UploadCheck, target: 'file' | 'module' | 'keep') => void;
  /** Nothing from this computer goes with the job (the carried-over environment stays). */
  clearUpload: () => void;
  setKind: (kind: TaskKind) => void;
  setField: (key: keyof TextFields, value: string) => void;
  setArrayMode: (mode: ArrayMode) => void;
  setItemsFormat: (format: ItemsFormat) => void;
  /** A cluster was picked: its profile's defaults replace partition, account and QOS. */
  chooseCluster: (cluster: string, defaults: { partition?: string | undefined; account?: string | undefined; qos?: string | undefined }) => void;
  addDependency: (entry: DependencyEntry) => void;
  removeDependency: (index: number) => void;
  /** Drops what was carried over from a loaded job (environment, uploads). */
  clearCarriedOver: () => void;
  /** "Submit again": every field from a job's spec. */
  loadSpec: (spec: JobSpec) => void;
};

/** A store rather than component state, so a half-written job survives a visit to another view. */
export const useSubmitFormStore = create<SubmitFormState>()((set) => {
  const update = (change: Partial<SubmitFields>) => set((state) => ({ fields: { ...state.fields, ...change } }));
  return {
    fields: initialFields,
    shipped: null,
    ship: (check, target) =>
      set((state) => {
        const upload = { root: check.root, include: [check.relative], ignore: state.fields.upload?.ignore ?? defaultUploadIgnore };
        const module = target === 'file' ? check.relative : target === 'module' && check.module ? check.module : state.fields.pythonModule;
        return { shipped: check, fields: { ...state.fields, upload, pythonModule: module } };
      }),
    clearUpload: () => set((state) => ({ shipped: null, fields: { ...state.fields, upload: null } })),
    setKind: (kind) => update({ kind }),
    setField: (key, value) => update({ [key]: value }),
    setArrayMode: (arrayMode) => update({ arrayMode }),
    setItemsFormat: (itemsFormat) => update({ itemsFormat }),
    chooseCluster: (cluster, defaults) => update({ cluster, partition: defaults.partition ?? '', account: defaults.account ?? '', qos: defaults.qos ?? '' }),
    addDependency: (entry) =>
      set((state) => {
        const same = (other: DependencyEntry) => other.type === entry.type && JSON.stringify(other.on) === JSON.stringify(entry.on);
        if (state.fields.dependencies.some(same)) return state;
        return { fields: { ...state.fields, dependencies: [...state.fields.dependencies, entry] } };
      }),
    removeDependency: (index) => set((state) => ({ fields: { ...state.fields, dependencies: state.fields.dependencies.filter((_, at) => at !== index) } })),
    clearCarriedOver: () => set((state) => ({ shipped: null, fields: { ...state.fields, environment: {}, upload: null } })),
    loadSpec: (spec) => set({ fields: fieldsFromSpec(spec), shipped: null }),
  };
});
