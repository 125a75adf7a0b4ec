import { useEffect, useMemo, useRef, useState } from 'react';
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { ResultRow } from '../../shared/contract/resultsMethods';
import { cellOf } from '../../shared/results/resultsGrid';
import { visibleText } from '../../shared/security/visibleText';

type ChartKind = 'scatter' | 'line';

/** The columns that hold a number in at least one row: what can go on an axis. */
export function numericColumns(rows: readonly ResultRow[], columns: readonly string[]): string[] {
  return columns.filter((column) => rows.some((row) => typeof cellOf(row, column) === 'number'));
}

/** Points (x, y) of the rows where both are numbers, ordered by x as uPlot wants. */
export function chartPoints(rows: readonly ResultRow[], x: string, y: string): [number[], number[]] {
  const points: [number, number][] = [];
  for (const row of rows) {
    const a = cellOf(row, x);
    const b = cellOf(row, y);
    if (typeof a === 'number' && typeof b === 'number' && Number.isFinite(a) && Number.isFinite(b)) points.push([a, b]);
  }
  points.sort((left, right) => left[0] - right[0]);
  return [points.map((point) => point[0]), points.map((point) => point[1])];
}

/** "Metric vs parameter": pick x and y among the numeric columns, as points or a line. */
export function ResultsChart({ rows, columns }: { rows: readonly ResultRow[]; columns: readonly string[] }) {
  const numeric = useMemo(() => numericColumns(rows, columns), [rows, columns]);
  const [picked, setPicked] = useState<{ x: string | null; y: string | null; kind: ChartKind }>({ x: null, y: null, kind: 'scatter' });
  // By default a parameter (an input) across, the last result field up: "metric vs parameter".
  const measured = numeric.filter((name) => name !== 'task' && name !== 'elapsed_s');
  const inputs = measured.filter((name) => /^(item|args|kwargs)(\.|$)/.test(name));
  const x = picked.x !== null && numeric.includes(picked.x) ? picked.x : (inputs[0] ?? measured[0] ?? numeric[0] ?? null);
  const y = picked.y !== null && numeric.includes(picked.y) ? picked.y : (measured.filter((name) => name !== x && !inputs.includes(name)).at(-1) ?? numeric.find((name) => name !== x) ?? null);
  const holder = useRef<HTMLDivElement>(null);
  const data = useMemo(() => (x && y ? chartPoints(rows, x, y) : null), [rows, x, y]);

  useEffect(() => {
    const element = holder.current;
    if (!element || !data || !x || !y) return;
    const width = Math.max(320, element.clientWidth);
    const stroke = getComputedStyle(element).getPropertyValue('--accent-solid').trim() || '#0969da';
    const plot = new uPlot(
      {
        width,
        height: 280,
        scales: { x: { time: false } },
        axes: [{ label: visibleText(x) }, { label: visibleText(y) }],
        legend: { show: true },
        series: [{ label: visibleText(x) }, { label: visibleText(y), stroke, width: picked.kind === 'line' ? 2 : 0, points: { show: true, size: 6, fill: stroke }, ...(picked.kind === 'scatter' ? { paths: () => null } : {}) }],
      },
      data,
      element,
    );
    const resize = new ResizeObserver(() => plot.setSize({ width: Math.max(320, element.clientWidth), height: 280 }));
    resize.observe(element);
    return () => {
      resize.disconnect();
      plot.destroy();
    };
  }, [data, x, y, picked.kind]);

  if (numeric.length < 2) return <p className="form-hint">A chart needs two columns with numbers.</p>;
  return (
    <section className="results-chart" aria-label="Chart" data-testid="results-chart">
      <div className="results-chart-controls">
        <AxisSelect axis="x" value={x} options={numeric} onChange={(value) => setPicked({ ...picked, x: value })} />
        <AxisSelect axis="y" value={y} options={numeric} onChange={(value) => setPicked({ ...picked, y: value })} />
        <label className="results-control">
          as{' '}
          <select className="input" value={picked.kind} onChange={(event) => setPicked({ ...picked, kind: event.target.value === 'line' ? 'line' : 'scatter' })} data-testid="chart-kind">
            <option value="scatter">points</option>
            <option value="line">line</option>
          </select>
        </label>
        <span className="form-hint" data-testid="chart-count">
          {data ? data[0].length : 0} points
        </span>
      </div>
      <div ref={holder} className="results-chart-plot" data-testid="chart-plot" />
    </section>
  );
}

function AxisSelect({ axis, value, options, onChange }: { axis: 'x' | 'y'; value: string | null; options: readonly string[]; onChange: (value: string) => void }) {
  return (
    <label className="results-control">
      {axis}{' '}
      <select className="input" value={value ?? ''} onChange={(event) => onChange(event.target.value)} data-testid={`chart-${axis}`}>
        {options.map((name) => (
          <option key={name} value={name}>
            {visibleText(name)}
          </option>
        ))}
      </select>
    </label>
  );
}
