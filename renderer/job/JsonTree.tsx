import { useState } from 'react';
import { Button, Tree, TreeItem, TreeItemContent, type Key } from 'react-aria-components';

/** Children shown per object or array before "Show more": a 100,000-item array opens instantly. */
export const childrenPerPage = 100;

type JsonChild = { label: string; value: unknown; path: string };

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return typeof value === 'object' && value !== null;
}

function childrenOf(value: Record<string, unknown> | unknown[], path: string): JsonChild[] {
  if (Array.isArray(value)) return value.map((item, index) => ({ label: String(index), value: item, path: `${path}/${index}` }));
  return Object.entries(value).map(([key, item]) => ({ label: key, value: item, path: `${path}/${encodeURIComponent(key)}` }));
}

function summary(value: Record<string, unknown> | unknown[]): string {
  if (Array.isArray(value)) return `[ ${value.length} ${value.length === 1 ? 'item' : 'items'} ]`;
  const count = Object.keys(value).length;
  return `{ ${count} ${count === 1 ? 'key' : 'keys'} }`;
}

function Primitive({ value }: { value: unknown }) {
  if (typeof value === 'string') return <span className="json-string">{JSON.stringify(value)}</span>;
  if (typeof value === 'number') return <span className="json-number">{String(value)}</span>;
  if (typeof value === 'boolean') return <span className="json-boolean">{String(value)}</span>;
  return <span className="json-null">null</span>;
}

type NodeProps = { child: JsonChild; expanded: ReadonlySet<Key>; shown: Record<string, number>; showMore: (path: string) => void };

/** Children exist in the tree only while their parent is open, and only a page of them at a time. */
function JsonNode({ child, expanded, shown, showMore }: NodeProps) {
  const container = isContainer(child.value);
  const text = `${child.label}: ${container ? summary(child.value as Record<string, unknown>) : JSON.stringify(child.value)}`;
  const open = container && expanded.has(child.path);
  const all = open ? childrenOf(child.value as Record<string, unknown>, child.path) : [];
  const limit = shown[child.path] ?? childrenPerPage;
  return (
    <TreeItem id={child.path} textValue={text.slice(0, 200)} className="json-item" hasChildItems={container}>
      <TreeItemContent>
        {({ hasChildItems, isExpanded }) => (
          <div className="json-row">
            {hasChildItems ? (
              <Button slot="chevron" className="json-chevron" aria-label={isExpanded ? 'Collapse' : 'Expand'} />
            ) : (
              <span className="json-chevron" aria-hidden="true" />
            )}
            <span className="json-key">{child.label}</span>
            <span className="json-colon">:</span>
            {container ? <span className="json-summary">{summary(child.value as Record<string, unknown>)}</span> : <Primitive value={child.value} />}
          </div>
        )}
      </TreeItemContent>
      {/* A closed node holds one hidden stand-in child, so the tree knows it can open (→, aria-expanded) without building its contents. */}
      {container && !open && (
        <TreeItem id={`${child.path}#closed`} textValue="…" className="json-item">
          <TreeItemContent>…</TreeItemContent>
        </TreeItem>
      )}
      {all.slice(0, limit).map((grandchild) => (
        <JsonNode key={grandchild.path} child={grandchild} expanded={expanded} shown={shown} showMore={showMore} />
      ))}
      {all.length > limit && (
        <TreeItem id={`${child.path}#more`} textValue="Show more" className="json-item" onAction={() => showMore(child.path)}>
          <TreeItemContent>
            <div className="json-row json-more">
              <span className="json-chevron" aria-hidden="true" />
              Show {Math.min(childrenPerPage, all.length - limit)} more of {all.length - limit} remaining
            </div>
          </TreeItemContent>
        </TreeItem>
      )}
    </TreeItem>
  );
}

/** A JSON value as a tree: arrows move, Right/Left (or Enter) open and close, Home/End jump. */
export function JsonTree({ value, label }: { value: unknown; label: string }) {
  const [expanded, setExpanded] = useState<Set<Key>>(() => new Set(['$']));
  const [shown, setShown] = useState<Record<string, number>>({});
  const root: JsonChild = { label: 'result', value, path: '$' };
  return (
    <Tree
      aria-label={label}
      className="json-tree"
      expandedKeys={expanded}
      onExpandedChange={(keys) => setExpanded(new Set(keys))}
      data-testid="result-json-tree"
    >
      <JsonNode child={root} expanded={expanded} shown={shown} showMore={(path) => setShown((current) => ({ ...current, [path]: (current[path] ?? childrenPerPage) + childrenPerPage }))} />
    </Tree>
  );
}
