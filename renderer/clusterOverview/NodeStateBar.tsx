import type { PartitionOverview } from '../../shared/clusters/partitionOverview';

type Nodes = PartitionOverview['nodes'];
// `short` fits a narrow column; `label` is what the tooltip and screen readers say.
const segments = [
  { key: 'idle', label: 'idle', short: 'idle' },
  { key: 'mixed', label: 'mixed', short: 'mixed' },
  { key: 'allocated', label: 'allocated', short: 'full' },
  { key: 'down', label: 'down or drained', short: 'down' },
  { key: 'other', label: 'other', short: 'other' },
] as const satisfies readonly { key: keyof Nodes; label: string; short: string }[];

/** Nodes by state as one bar; the same counts are spelled out for screen readers and the tooltip. */
export function NodeStateBar({ nodes }: { nodes: Nodes }) {
  const present = segments.filter((segment) => nodes[segment.key] > 0);
  const summary = present.map((segment) => `${nodes[segment.key]} ${segment.label}`).join(', ') || 'no nodes';
  return (
    <div className="node-state" title={summary}>
      <div className="node-state-bar" role="img" aria-label={`${nodes.total} nodes: ${summary}`}>
        {present.map((segment) => (
          <span
            key={segment.key}
            className="node-state-segment"
            data-state={segment.key}
            // Widths come from data; React sets them through the CSSOM, which the CSP allows.
            style={{ width: `${(nodes[segment.key] / Math.max(1, nodes.total)) * 100}%` }}
          />
        ))}
      </div>
      <span className="node-state-text" aria-hidden="true">
        {present.map((segment) => `${nodes[segment.key]} ${segment.short}`).join(' · ')}
      </span>
    </div>
  );
}
