import type { PartitionOverview } from '../../shared/clusters/partitionOverview';

type Nodes = PartitionOverview['nodes'];
const segments = [
  { key: 'idle', label: 'idle' },
  { key: 'mixed', label: 'mixed' },
  { key: 'allocated', label: 'allocated' },
  { key: 'down', label: 'down or drained' },
  { key: 'other', label: 'other' },
] as const satisfies readonly { key: keyof Nodes; label: string }[];

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
        {summary}
      </span>
    </div>
  );
}
