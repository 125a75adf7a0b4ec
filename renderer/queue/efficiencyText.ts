import { formatBytes, type JobEfficiency } from '../../shared/queue/efficiency';

/** Below this share of a request the request was far too large (the same share the hints use). */
const wastefulShare = 0.25;

/** `37 %`, `4.2 %` (small shares keep a decimal, so 0.4 % is not read as nothing). */
export function formatShare(share: number): string {
  const percent = share * 100;
  return `${percent > 0 && percent < 10 ? percent.toFixed(1) : Math.round(percent)} %`;
}

/** The CPU column: the share of allocated CPU time used; null when accounting does not say. */
export function cpuText(efficiency: JobEfficiency | null): { text: string; wasteful: boolean } | null {
  if (efficiency?.cpuEfficiency == null) return null;
  const wasteful = efficiency.cpuEfficiency < wastefulShare && (efficiency.allocatedCpus ?? 0) > 1;
  return { text: formatShare(efficiency.cpuEfficiency), wasteful };
}

/** The memory column: the peak, and what was asked for; wasteful when far less than asked was used. */
export function memoryText(efficiency: JobEfficiency | null): { peak: string; asked: string | null; wasteful: boolean } | null {
  if (efficiency?.maxRssBytes == null) return null;
  const asked = efficiency.requestedMemoryBytes;
  const wasteful = efficiency.memoryEfficiency !== null && efficiency.memoryEfficiency < wastefulShare && (asked ?? 0) >= 1024 ** 3;
  return { peak: formatBytes(efficiency.maxRssBytes), asked: asked === null ? null : formatBytes(asked), wasteful };
}
