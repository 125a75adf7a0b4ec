import type { Dependency, UploadSpec } from '../../shared/jobs/jobSpec';

export type TaskKind = 'script' | 'python';
export type ArrayMode = 'none' | 'range' | 'items';
export type ItemsFormat = 'json' | 'csv';

/** A dependency as the form holds it: the spec's value plus what to show for it. */
export type DependencyEntry = Dependency & { label: string };

/** The form as typed: text fields stay strings, turned into a job spec only on Preview or Submit. */
export type TextFields = {
  name: string;
  body: string;
  /** The name of the file the script was read from, if it was. */
  sourceFile: string;
  pythonModule: string;
  pythonFunction: string;
  args: string;
  kwargs: string;
  interpreter: string;
  /** One setup line (module load …) per line. */
  setup: string;
  cluster: string;
  partition: string;
  account: string;
  qos: string;
  time: string;
  nodes: string;
  ntasks: string;
  cpusPerTask: string;
  mem: string;
  memPerCpu: string;
  gpus: string;
  gres: string;
  constraint: string;
  /** One extra directive (--exclusive) per line. */
  extra: string;
  arrayRange: string;
  arrayItems: string;
  arrayMaxParallel: string;
  /** system, venv or wheel: how the project's Python runs (packaging.python). */
  pythonEnvironment: string;
  /** apptainer, singularity, pyxis or podman; empty for no container. */
  containerRuntime: string;
  containerImage: string;
};

export type SubmitFields = TextFields & {
  kind: TaskKind;
  arrayMode: ArrayMode;
  itemsFormat: ItemsFormat;
  dependencies: DependencyEntry[];
  /** Carried over from a job submitted again; the form has no editor for them. */
  environment: Record<string, string>;
  upload: UploadSpec | null;
};

export type FieldKey = keyof TextFields | 'dependencies';
export type FieldErrors = Partial<Record<FieldKey, string>>;

export const initialFields: SubmitFields = {
  kind: 'script',
  name: '',
  body: '',
  sourceFile: '',
  pythonModule: '',
  pythonFunction: '',
  args: '[]',
  kwargs: '{}',
  interpreter: '',
  setup: '',
  cluster: 'embedded',
  partition: '',
  account: '',
  qos: '',
  time: '',
  nodes: '',
  ntasks: '',
  cpusPerTask: '',
  mem: '',
  memPerCpu: '',
  gpus: '',
  gres: '',
  constraint: '',
  extra: '',
  arrayMode: 'none',
  arrayRange: '',
  arrayItems: '',
  itemsFormat: 'json',
  arrayMaxParallel: '',
  pythonEnvironment: 'system',
  containerRuntime: '',
  containerImage: '',
  dependencies: [],
  environment: {},
  upload: null,
};
