import { Fragment } from 'react';
import { markdownBlocks, type Inline } from '../../shared/files/markdownBlocks';
import { visibleText } from '../../shared/security/visibleText';

/** Markdown as elements built from its blocks: HTML in it stays text, links are shown, not followed. */
export function MarkdownPreview({ text }: { text: string }) {
  return (
    <article className="files-markdown" data-testid="markdown-preview">
      {markdownBlocks(text).map((block, index) => {
        switch (block.kind) {
          case 'heading': {
            const Heading = `h${Math.min(6, block.level + 2)}` as 'h3';
            return (
              <Heading key={index}>
                <Runs inlines={block.inlines} />
              </Heading>
            );
          }
          case 'paragraph':
            return (
              <p key={index}>
                <Runs inlines={block.inlines} />
              </p>
            );
          case 'quote':
            return (
              <blockquote key={index}>
                <Runs inlines={block.inlines} />
              </blockquote>
            );
          case 'list': {
            const List = block.ordered ? 'ol' : 'ul';
            return (
              <List key={index}>
                {block.items.map((item, itemIndex) => (
                  <li key={itemIndex}>
                    <Runs inlines={item} />
                  </li>
                ))}
              </List>
            );
          }
          case 'code':
            return (
              <pre key={index} className="mono">
                {visibleText(block.text, { keepLines: true })}
              </pre>
            );
          case 'rule':
            return <hr key={index} />;
        }
      })}
    </article>
  );
}

function Runs({ inlines }: { inlines: Inline[] }) {
  return (
    <>
      {inlines.map((run, index) => {
        const text = visibleText(run.text);
        if (run.kind === 'code') return <code key={index}>{text}</code>;
        if (run.kind === 'strong') return <strong key={index}>{text}</strong>;
        if (run.kind === 'em') return <em key={index}>{text}</em>;
        if (run.kind === 'link')
          return (
            <span key={index} className="files-markdown-link" title={visibleText(run.href)}>
              {text} <span className="form-hint">({visibleText(run.href)})</span>
            </span>
          );
        return <Fragment key={index}>{text}</Fragment>;
      })}
    </>
  );
}
