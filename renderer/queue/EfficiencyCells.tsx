import type { JobEfficiency } from '../../shared/queue/efficiency';
import { cpuText, memoryText } from './efficiencyText';

/**
 * The CPU and memory cells of a Jobs table row: empty until the job ended and accounting
 * measured it. A request far larger than the use is tinted and said in the cell's title.
 */
export function EfficiencyCells({ efficiency }: { efficiency: JobEfficiency | null }) {
  const cpu = cpuText(efficiency);
  const memory = memoryText(efficiency);
  const hints = efficiency?.hints.join('; ') || undefined;
  return (
    <>
      <div role="gridcell" className={cpu?.wasteful ? 'jobs-cell jobs-cell-number jobs-cell-wasteful' : 'jobs-cell jobs-cell-number'} title={hints}>
        {cpu?.text ?? ''}
      </div>
      <div role="gridcell" className={memory?.wasteful ? 'jobs-cell jobs-cell-stack jobs-cell-wasteful' : 'jobs-cell jobs-cell-stack'} title={hints}>
        {memory && (
          <>
            <span className="jobs-text">{memory.peak}</span>
            {memory.asked && <span className="jobs-text jobs-cell-sub">of {memory.asked}</span>}
          </>
        )}
      </div>
    </>
  );
}
