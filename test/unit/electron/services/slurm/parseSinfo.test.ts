import { describe, expect, it } from 'vitest';
import { gpuCount, nodeStateGroup, parseSinfo, sinfoArgv } from '../../../../../electron/services/slurm/parseSinfo';

// Lines in the shape `sinfo --noheader -N -O <sinfoFields>` prints them (Slurm 22.05): one per
// node and partition, `|` after every field but the last, the partition last with `*` on the
// default. The single-node lines are what the test cluster printed; the GPU partitions follow the
// GRES spellings of clusters with typed and untyped GPUs.
const clusterOutput = [
  'up|1-00:00:00|mixed|1|16/16/0/32|gpu:a100:4(S:0-1)|gpu:a100:2(IDX:0-1)|gpu*',
  'up|1-00:00:00|allocated|1|32/0/0/32|gpu:a100:4(S:0-1)|gpu:a100:4(IDX:0-3)|gpu*',
  'up|1-00:00:00|idle|1|0/32/0/32|gpu:a100:4(S:0-1)|gpu:a100:0(IDX:N/A)|gpu*',
  'up|1-00:00:00|drained|1|0/0/32/32|gpu:a100:4(S:0-1)|gpu:a100:0(IDX:N/A)|gpu*',
  'up|2-00:00:00|idle|1|0/16/0/16|gpu:tesla:2(S:0)|gpu:tesla:0(IDX:N/A)|older-gpu',
  'up|2-00:00:00|mixed|1|4/12/0/16|gpu:2,shard:8|gpu:1(IDX:1),shard:0|older-gpu',
  'up|1:00:00|idle|1|0/32/0/32|(null)|(null)|debug',
  'up|1:00:00|idle*|1|0/0/32/32|(null)|(null)|debug',
  'up|1:00:00|draining|1|8/0/24/32|(null)|(null)|debug',
  'down|infinite|down*|1|0/0/64/64|(null)|(null)|long',
  'up|infinite|maint|1|0/0/64/64|(null)|(null)|long',
  '',
].join('\n');

describe('parseSinfo', () => {
  it('sums node lines per partition in the order sinfo lists them, with the default marked', () => {
    const partitions = parseSinfo(clusterOutput);
    expect(partitions.map((partition) => [partition.name, partition.isDefault])).toEqual([
      ['gpu', true],
      ['older-gpu', false],
      ['debug', false],
      ['long', false],
    ]);
  });

  it('groups node states and counts idle CPUs out of the total', () => {
    const [gpu, , debug, long] = parseSinfo(clusterOutput);
    expect(gpu!.nodes).toEqual({ total: 4, idle: 1, mixed: 1, allocated: 1, down: 1, other: 0 });
    expect(gpu!.cpus).toEqual({ idle: 48, total: 128 });
    // Not responding (idle*) and draining are both unusable for a new job.
    expect(debug!.nodes).toEqual({ total: 3, idle: 1, mixed: 0, allocated: 0, down: 2, other: 0 });
    expect(debug!.cpus).toEqual({ idle: 32, total: 96 });
    expect(long!.nodes).toEqual({ total: 2, idle: 0, mixed: 0, allocated: 0, down: 1, other: 1 });
    expect(long!.available).toBe('down');
  });

  it('counts GPUs per node from GRES and GRES_USED, free only on nodes that can take a job', () => {
    const [gpu, olderGpu, debug] = parseSinfo(clusterOutput);
    // 4 nodes × 4; free: 2 on the mixed node + 4 on the idle one (none on the full or drained node).
    expect(gpu!.gpus).toEqual({ free: 6, total: 16 });
    expect(olderGpu!.gpus).toEqual({ free: 3, total: 4 });
    expect(debug!.gpus).toEqual({ free: 0, total: 0 });
  });

  it('reads time limits into minutes, with no limit as null', () => {
    const [gpu, olderGpu, debug, long] = parseSinfo(clusterOutput);
    expect([gpu!.timeLimit, gpu!.maxTimeMinutes]).toEqual(['1-00:00:00', 1440]);
    expect(olderGpu!.maxTimeMinutes).toBe(2880);
    expect([debug!.timeLimit, debug!.maxTimeMinutes]).toEqual(['1:00:00', 60]);
    expect([long!.timeLimit, long!.maxTimeMinutes]).toEqual(['infinite', null]);
  });

  it('reads the single-node test cluster, where sinfo groups nothing', () => {
    const partitions = parseSinfo('up|infinite|idle|1|0/32/0/32|(null)|(null)|debug*\nup|5:00|idle|1|0/32/0/32|(null)|(null)|short\n');
    expect(partitions).toEqual([
      { name: 'debug', isDefault: true, available: 'up', timeLimit: 'infinite', maxTimeMinutes: null, nodes: { total: 1, idle: 1, mixed: 0, allocated: 0, down: 0, other: 0 }, cpus: { idle: 32, total: 32 }, gpus: { free: 0, total: 0 } },
      { name: 'short', isDefault: false, available: 'up', timeLimit: '5:00', maxTimeMinutes: 5, nodes: { total: 1, idle: 1, mixed: 0, allocated: 0, down: 0, other: 0 }, cpus: { idle: 32, total: 32 }, gpus: { free: 0, total: 0 } },
    ]);
  });

  it('sums grouped lines (without -N) by their node count', () => {
    const [batch] = parseSinfo('up|12:00:00|idle|10|0/320/0/320|gpu:2|gpu:0|batch\n');
    expect(batch!.nodes.total).toBe(10);
    expect(batch!.nodes.idle).toBe(10);
    expect(batch!.gpus).toEqual({ free: 20, total: 20 });
  });

  it('refuses a line it cannot read, naming the line', () => {
    expect(() => parseSinfo('up|infinite|idle|1|0/32/0/32|(null)|debug')).toThrow(/sinfo.*expected 8 fields, found 7.*"up\|infinite\|idle\|1\|0\/32\/0\/32\|\(null\)\|debug"/);
    expect(() => parseSinfo('up|infinite|idle|1|32 cpus|(null)|(null)|debug')).toThrow(/CPU counts "32 cpus".*debug/);
    expect(() => parseSinfo('up|forever|idle|1|0/32/0/32|(null)|(null)|debug')).toThrow(/time limit "forever"/);
    expect(() => parseSinfo('up|infinite|idle|one|0/32/0/32|(null)|(null)|debug')).toThrow(/node count "one"/);
    expect(() => parseSinfo('up|infinite|idle|1|0/32/0/32|gpu:a100|(null)|debug')).toThrow(/GPU entry "gpu:a100" has no count/);
    expect(() => parseSinfo('up|infinite|idle|1|0/32/0/32|(null)|(null)|')).toThrow(/no partition name/);
    expect(() => parseSinfo('up|infinite|idle|1|0/32/0/32|(null)|(null)|debug')).not.toThrow();
  });

  it('keeps a partition name whole even if it held the separator', () => {
    expect(parseSinfo('up|infinite|idle|1|0/32/0/32|(null)|(null)|odd|name*')[0]).toMatchObject({ name: 'odd|name', isDefault: true });
  });

  it('asks sinfo for fixed fields, one line per node, without a header', () => {
    expect(sinfoArgv).toEqual(['sinfo', '--noheader', '-N', '-O', 'Available:0|,Time:0|,StateLong:0|,Nodes:0|,CPUsState:0|,Gres:0|,GresUsed:0|,Partition:0']);
  });
});

describe('gpuCount', () => {
  it.each([
    ['(null)', 0],
    ['gpu:2', 2],
    ['gpu:a100:4(S:0-3)', 4],
    ['gpu:tesla:2(S:0)', 2],
    ['gpu:a100:4(IDX:0,2-3)', 4],
    ['gpu:a100:2,gpu:v100:1', 3],
    ['shard:8,gpu:1(IDX:0)', 1],
    ['mps:400', 0],
    ['gpu:(null):0', 0],
  ])('%s → %i', (text, count) => {
    expect(gpuCount(text, text)).toBe(count);
  });
});

describe('nodeStateGroup', () => {
  it.each([
    ['idle', 'idle'],
    ['idle~', 'idle'],
    ['mixed', 'mixed'],
    ['allocated+', 'allocated'],
    ['completing', 'allocated'],
    ['drained', 'down'],
    ['draining', 'down'],
    ['fail', 'down'],
    ['down*', 'down'],
    ['mixed*', 'down'],
    ['reserved', 'other'],
    ['planned', 'other'],
    ['unknown', 'other'],
  ])('%s → %s', (text, group) => {
    expect(nodeStateGroup(text, text)).toBe(group);
  });

  it('refuses what is not a state word', () => {
    expect(() => nodeStateGroup('12', 'line')).toThrow(/unreadable node state "12"/);
  });
});
