import type { FieldKey } from './submitFormStore';

/** The visible label of each field, so the summary names fields the way the form does. */
export const fieldLabels: Record<FieldKey, string> = {
  name: 'Name',
  body: 'Script',
  target: 'Module target',
  args: 'Args',
  kwargs: 'Kwargs',
  cluster: 'Cluster',
  partition: 'Partition',
  time: 'Time limit',
  cpusPerTask: 'CPUs per task',
  mem: 'Memory',
};
