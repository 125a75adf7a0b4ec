import { describe, expect, it } from 'vitest';
import { describeReason } from '../../../../shared/jobs/jobState';

describe('describeReason', () => {
  it('puts the common pending reasons in words', () => {
    expect(describeReason('Resources')).toBe('waiting for resources');
    expect(describeReason('Priority')).toBe('waiting behind higher-priority jobs');
    expect(describeReason('Dependency')).toBe('waiting for another job');
    expect(describeReason('DependencyNeverSatisfied')).toBe('dependency never satisfied');
    expect(describeReason('QOSMaxJobsPerUserLimit')).toMatch(/QOS/);
    expect(describeReason('AssocGrpCpuLimit')).toMatch(/account CPU limit/);
    expect(describeReason('JobHeldUser')).toBe('held by you');
  });

  it('has no reason for none, null and empty', () => {
    for (const reason of [null, undefined, '', 'None', '(null)', '  ']) expect(describeReason(reason)).toBeNull();
  });

  it('accepts the parenthesised form squeue prints by default', () => {
    expect(describeReason('(Resources)')).toBe('waiting for resources');
  });

  it('keeps the detail Slurm adds after a comma', () => {
    expect(describeReason('ReqNodeNotAvail, UnavailableNodes:node[01-02]')).toBe('requested nodes are not available (UnavailableNodes:node[01-02])');
  });

  it('shows an unknown reason as Slurm wrote it, and never a property of Object', () => {
    expect(describeReason('SomethingNew')).toBe('SomethingNew');
    expect(describeReason('constructor')).toBe('constructor');
    expect(describeReason('The scheduler no longer knows job 12.')).toBe('The scheduler no longer knows job 12.');
  });
});
