import { useState } from 'react';
import { Button } from 'react-aria-components';
import type { ContractClient } from '../../shared/contract/client';
import type { Result } from '../../shared/contract/index';
import { visibleText } from '../../shared/security/visibleText';
import { reportIfDisconnected } from '../app/reportIfDisconnected';
import './results.css';

type Hits = Result<'results.grep'>;

/** Searches every task's output on the cluster for a text; a hit opens that task's log. */
export function TaskLogSearch({ client, id, onOpenTask }: { client: ContractClient; id: string; onOpenTask: (task: number) => void }) {
  const [text, setText] = useState('');
  const [stream, setStream] = useState<'stdout' | 'stderr'>('stdout');
  const [state, setState] = useState<{ status: 'idle' } | { status: 'searching' } | { status: 'done'; hits: Hits } | { status: 'failed'; message: string }>({ status: 'idle' });

  function search() {
    if (text.trim() === '') return;
    setState({ status: 'searching' });
    client.call('results.grep', { id, text, stream }).then(
      (hits) => setState({ status: 'done', hits }),
      (error: unknown) => {
        reportIfDisconnected(error);
        setState({ status: 'failed', message: error instanceof Error ? error.message : 'The search failed.' });
      },
    );
  }

  return (
    <section className="results-panel" aria-label="Search every task's output" data-testid="task-log-search">
      <form
        className="results-toolbar"
        onSubmit={(event) => {
          event.preventDefault();
          search();
        }}
      >
        <label className="results-control">
          Search all tasks{' '}
          <input className="input" value={text} maxLength={200} onChange={(event) => setText(event.target.value)} data-testid="task-log-search-text" />
        </label>
        <select className="input" value={stream} onChange={(event) => setStream(event.target.value === 'stderr' ? 'stderr' : 'stdout')} aria-label="Which output">
          <option value="stdout">stdout</option>
          <option value="stderr">stderr</option>
        </select>
        <Button className="button button-small" type="submit" isDisabled={text.trim() === '' || state.status === 'searching'} data-testid="task-log-search-go">
          Search
        </Button>
        {state.status === 'searching' && <span className="form-hint">Searching on the cluster…</span>}
        {state.status === 'done' && (
          <span className="form-hint" role="status" data-testid="task-log-search-summary">
            {state.hits.tasks.length === 0 ? 'No task’s output has it.' : `${state.hits.tasks.length} ${state.hits.tasks.length === 1 ? 'task has' : 'tasks have'} it${state.hits.truncated ? ' (more than shown: the answer was cut)' : ''}`}
          </span>
        )}
      </form>
      {state.status === 'failed' && <p className="form-error">{state.message}</p>}
      {state.status === 'done' && state.hits.tasks.length > 0 && (
        <div className="log-search-hits" data-testid="task-log-search-hits">
          {state.hits.tasks.map((task) => (
            <div key={task.task}>
              <Button className="button button-small" onPress={() => onOpenTask(task.task)} data-testid="task-log-search-task">
                Task {task.task}
              </Button>
              {task.lines.map((line) => (
                <div key={line.line} className="log-search-hit mono">
                  {line.line}: {visibleText(line.text)}
                </div>
              ))}
              {task.more && <div className="form-hint">more lines…</div>}
            </div>
          ))}
        </div>
      )}
    </section>
  );
}
