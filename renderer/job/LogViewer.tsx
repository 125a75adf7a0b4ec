import { useVirtualizer } from '@tanstack/react-virtual';
import { useEffect, useLayoutEffect, useMemo, useRef, useState, type KeyboardEvent, type RefObject } from 'react';
import { Button, Switch } from 'react-aria-components';
import type { JobState } from '../../shared/jobs/jobState';
import { formatBytes } from './formatBytes';
import { LogLine, type LineHighlight } from './LogLine';
import { LogSearchField } from './LogSearchField';
import { findMatches, maxMatches } from '../../shared/logs/logSearch';
import { useLogWindow, type LogReader, type LogStream, type StaleMark } from './useLogWindow';

const rowHeight = 18;
/** Room above the first line and below the last, so neither sits against the border. */
const edgeSpace = 6;
/** The box's border and room for a sideways scrollbar: a short log's box shows all of it. */
const boxChrome = 2 + 16;
const maxBoxHeight = 320;

/**
 * The space under the last line of a log taller than its box. A view kept at the end shows the
 * last lines; with a box that is not a whole number of lines high, the top one was cut in half.
 * Padding the end by the remainder makes the view at the end start on a whole line.
 */
function endSpaceFor(viewportHeight: number | null): number {
  return viewportHeight === null ? edgeSpace : viewportHeight % rowHeight;
}
const noHighlights: readonly LineHighlight[] = [];

type LogViewerProps = {
  /** Reads this log (an app job's by its id, any job's by the path Slurm reports); stable while the log is the same. */
  reader: LogReader;
  stream: LogStream;
  state: JobState;
  /** The array task whose log this is; null for a job that is no array. */
  task: number | null;
  onStale: (stream: LogStream, stale: StaleMark | null) => void;
  /** Where the log is, when the view should say so (a job from outside the app). */
  path?: string | null;
};

/**
 * A job's stdout or stderr of any size: a virtualized view of the bounded window read so far,
 * with Follow, Earlier (page back), Jump to end, and search in what is loaded.
 */
export function LogViewer({ reader, stream, state, task, onStale, path }: LogViewerProps) {
  const log = useLogWindow(reader, state);
  const { window } = log;
  const scrollRef = useRef<HTMLDivElement>(null);
  const searchRef = useRef<HTMLInputElement>(null);
  const atEnd = useRef(true);
  const [query, setQuery] = useState('');
  const [currentMatch, setCurrentMatch] = useState(0);
  const viewportHeight = useViewportHeight(scrollRef);
  // Taller than the box at its largest: the box is fixed, so the space at the end can fit it.
  const overflows = window.lines.length * rowHeight + 2 * edgeSpace + boxChrome > maxBoxHeight;
  const endSpace = overflows ? endSpaceFor(viewportHeight) : edgeSpace;

  // The virtualizer hands out fresh measurements each render; this component does not rely on memoizing it.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: window.lines.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => rowHeight,
    overscan: 20,
    paddingStart: edgeSpace,
    paddingEnd: endSpace,
  });
  const toEnd = () => {
    const element = scrollRef.current;
    if (element) element.scrollTop = element.scrollHeight;
  };

  useEffect(() => onStale(stream, log.stale), [onStale, stream, log.stale]);

  // New text at the end keeps the view at the end if it was there; a page back keeps the lines in view still.
  useEffect(() => {
    if (log.prepended > 0) {
      virtualizer.scrollToOffset((scrollRef.current?.scrollTop ?? 0) + log.prepended * rowHeight);
    } else if (atEnd.current && window.lines.length > 0) {
      // To the very end, the space under the last line included: the top line is then whole.
      toEnd();
    }
    // Only a new revision moves the view; the virtualizer object is stable enough for this.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [log.revision]);

  // The box measured (or a sideways scrollbar came) after the view went to the end: go there again.
  useEffect(() => {
    if (atEnd.current) toEnd();
  }, [endSpace]);

  const matches = useMemo(() => findMatches(window.lines, query), [window.lines, query]);
  const current = matches.length === 0 ? 0 : Math.min(currentMatch, matches.length - 1);
  const highlightsByLine = useMemo(() => {
    const byLine = new Map<number, LineHighlight[]>();
    matches.forEach((match, index) => {
      const list = byLine.get(match.line) ?? [];
      list.push({ start: match.start, end: match.end, current: index === current });
      byLine.set(match.line, list);
    });
    return byLine;
  }, [matches, current]);

  const step = (direction: 1 | -1) => {
    if (matches.length === 0) return;
    const next = (current + direction + matches.length) % matches.length;
    setCurrentMatch(next);
    atEnd.current = false;
    virtualizer.scrollToIndex(matches[next]!.line, { align: 'center' });
  };

  const onKeyDown = (event: KeyboardEvent) => {
    if ((event.key === 'f' && (event.ctrlKey || event.metaKey)) || event.key === '/') {
      event.preventDefault();
      searchRef.current?.focus();
    } else if (event.key === 'F3' || (event.key === 'g' && (event.ctrlKey || event.metaKey))) {
      event.preventDefault();
      step(event.shiftKey ? -1 : 1);
    } else if (event.key === 'Home' && event.ctrlKey && window.start > 0) {
      void log.pageBack();
    }
  };

  const titleId = `log-${stream}-title`;
  return (
    <section className="job-section log-viewer" aria-labelledby={titleId} data-testid={`log-${stream}`} onKeyDown={onKeyDown}>
      <div className="job-section-header">
        <h3 id={titleId} className="job-section-title">
          {stream}
          {task !== null && <span className="job-section-subtitle"> · task {task}</span>}
        </h3>
        <div className="job-section-actions">
          <Switch className="switch" isSelected={log.following} onChange={log.setFollowing} isDisabled={!log.canFollow} data-testid={`log-${stream}-follow`}>
            <span className="switch-track" aria-hidden="true">
              <span className="switch-thumb" />
            </span>
            Follow
          </Switch>
          <Button className="button button-small" isDisabled={window.start === 0} onPress={() => void log.pageBack()} data-testid={`log-${stream}-earlier`}>
            Earlier
          </Button>
          <Button
            className="button button-small"
            onPress={() => {
              atEnd.current = true;
              void log.jumpToEnd();
            }}
            data-testid={`log-${stream}-end`}
          >
            Jump to end
          </Button>
        </div>
      </div>
      {path && <p className="form-hint mono job-facts-path">{path}</p>}
      <LogSearchField query={query} onQuery={(next) => { setQuery(next); setCurrentMatch(0); }} count={matches.length} current={current} truncated={matches.length >= maxMatches} onStep={step} inputRef={searchRef} stream={stream} />
      {log.error && (
        <p className="form-error" role="alert">
          {log.error}
        </p>
      )}
      <p className="form-hint" data-testid={`log-${stream}-range`} data-start={window.start} data-end={window.end}>
        {window.size === 0
          ? log.loading
            ? 'Reading…'
            : 'Nothing written yet.'
          : `${formatBytes(window.end - window.start)} loaded (bytes ${window.start.toLocaleString()}–${window.end.toLocaleString()}) of ${formatBytes(window.size)}`}
      </p>
      <div
        ref={scrollRef}
        className="log-scroll"
        hidden={window.size === 0}
        tabIndex={0}
        role="region"
        aria-label={`${stream} of the job, ${window.lines.length} lines loaded. Ctrl+F searches, Ctrl+Home loads earlier output.`}
        data-testid={`log-${stream}-text`}
        style={{ height: overflows ? maxBoxHeight : virtualizer.getTotalSize() + boxChrome }}
        onScroll={(event) => {
          const element = event.currentTarget;
          atEnd.current = element.scrollHeight - element.scrollTop - element.clientHeight < rowHeight * 2;
          if (element.scrollTop === 0 && window.start > 0 && window.lines.length > 0) void log.pageBack();
        }}
      >
        <div className="log-rows" style={{ height: virtualizer.getTotalSize() }}>
          {virtualizer.getVirtualItems().map((row) => (
            <div key={row.key} className="log-row" data-line={row.index} style={{ transform: `translateY(${row.start}px)` }}>
              <LogLine line={window.lines[row.index]!} highlights={highlightsByLine.get(row.index) ?? noHighlights} />
            </div>
          ))}
        </div>
      </div>
    </section>
  );
}

/** The inner height of a scroll box (less a sideways scrollbar when one shows), kept current. */
function useViewportHeight(ref: RefObject<HTMLElement | null>): number | null {
  const [height, setHeight] = useState<number | null>(null);
  useLayoutEffect(() => {
    const element = ref.current;
    if (!element) return;
    const measure = () => setHeight(element.clientHeight);
    measure();
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    return () => observer.disconnect();
  }, [ref]);
  return height;
}
