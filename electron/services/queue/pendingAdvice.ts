/**
 * What a person can change about a wait, by Slurm's reason word. Only reasons with something to do
 * are here; for the rest (Priority behind others with nothing to change but patience) the words of
 * describeReason are all there is to say.
 */
const advice: Readonly<Record<string, string>> = {
  Resources: 'A shorter time limit or fewer CPUs, GPUs or memory lets backfill start it sooner; another partition may have free nodes.',
  Priority: 'A shorter time limit lets backfill fit it between larger jobs; otherwise it starts as jobs ahead of it finish.',
  Dependency: 'It starts when the jobs it depends on end as required; change or remove the dependency to start it now.',
  DependencyNeverSatisfied: 'A job it depends on ended the wrong way, so it can never start: cancel it, or remove the dependency.',
  JobHeldUser: 'You held it: release it to let it start.',
  JobHeldAdmin: 'An administrator held it: ask them to release it.',
  BeginTime: 'It waits for the start time it was given; update or clear the begin time to start sooner.',
  PartitionTimeLimit: 'Lower its time limit to the partition maximum, or move it to a partition that allows longer jobs.',
  QOSMaxWallDurationPerJobLimit: 'Lower its time limit to what the QOS allows, or use another QOS.',
  AssocMaxWallDurationPerJobLimit: 'Lower its time limit to what the account allows.',
  PartitionNodeLimit: 'Ask for fewer nodes, or use a partition that allows more.',
  PartitionDown: 'Move it to another partition, or wait until the administrators bring this one up.',
  PartitionInactive: 'Move it to another partition.',
  ReqNodeNotAvail: 'The nodes it needs are reserved or down: a shorter time limit may fit before a maintenance reservation.',
  BadConstraints: 'No node has the features it asks for: change its constraint or partition.',
  QOSMaxJobsPerUserLimit: 'It starts when one of your running jobs in this QOS ends.',
  QOSMaxCpuPerUserLimit: 'It starts when your other jobs free CPUs; asking for fewer CPUs may start it sooner.',
  QOSMaxGRESPerUser: 'It starts when your other jobs free GPUs; asking for fewer may start it sooner.',
  AssocGrpCPUMinutesLimit: "The account's CPU-minutes budget is spent: use another account or ask for more.",
  AssocGrpBillingMinutes: "The account's budget is spent: use another account or ask for more.",
  InvalidAccount: 'The account is not valid for you here: cancel it and submit with a valid account.',
  InvalidQOS: 'The QOS is not valid: cancel it and submit with another QOS.',
  JobArrayTaskLimit: 'Tasks wait for the array limit of tasks at once (the %N of --array); more start as tasks end.',
};

export function describePendingAdvice(reason: string | null): string | null {
  if (reason === null) return null;
  const word = reason.replace(/^\((.*)\)$/, '$1').split(/,\s*/)[0] ?? '';
  return Object.hasOwn(advice, word) ? advice[word]! : null;
}
