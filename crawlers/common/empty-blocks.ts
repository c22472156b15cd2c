/**
 * Removes the empty shells that stay in an article body once its ads and hidden spans are taken out (an ad
 * slot's <center><div></div></center>), and the indentation between blocks, so the sanitised HTML holds no
 * empty <div> and no runs of layout whitespace. Used by the Epoch Times, secretchina and mirrors adapters after
 * they strip site chrome.
 */
import type { CheerioAPI } from 'cheerio';
import type { AnyNode, Element } from 'domhandler';

/** Elements that carry content without text. */
const MEDIA = new Set(['img', 'iframe', 'video', 'audio', 'embed', 'object', 'hr', 'table', 'picture']);
/** Shells worth removing when empty; inline elements such as <a> are left to the sanitiser. */
const SHELLS = new Set(['div', 'center', 'section', 'span', 'p', 'figure', 'aside', 'font', 'ins']);
/** Containers of blocks: whitespace directly inside them is indentation, not text. */
const BLOCK_CONTAINERS = new Set([
  'div', 'center', 'section', 'article', 'figure', 'blockquote', 'ul', 'ol', 'table', 'thead', 'tbody', 'tr', 'body',
]);

/** Remove, innermost first, every shell element under `root` that holds neither text nor media. */
export function removeEmptyBlocks($: CheerioAPI, root: Element): void {
  const visit = (node: AnyNode): boolean => {
    if (node.type === 'text') return (node as { data: string }).data.replace(/\u00a0/g, ' ').trim() !== '';
    if (node.type !== 'tag') return false;
    const element = node as Element;
    const tag = element.name.toLowerCase();
    // Visit every child (no short-circuit), so empty shells deeper down go too.
    const kept = [...element.children].map(visit).some(Boolean);
    if (MEDIA.has(tag)) return true;
    if (!kept && SHELLS.has(tag)) {
      $(element).remove();
      return false;
    }
    return kept;
  };
  [...root.children].forEach(visit);
  removeLayoutWhitespace($, root);
}

/**
 * Drop whitespace-only text directly inside block containers (the root included), and trim loose text there
 * where it meets a block or the container's edge; text inside <p> and beside inline elements stays as it is.
 */
function removeLayoutWhitespace($: CheerioAPI, root: Element): void {
  const visit = (element: Element, isRoot: boolean): void => {
    const container = isRoot || BLOCK_CONTAINERS.has(element.name.toLowerCase());
    for (const child of [...element.children]) {
      if (child.type === 'tag') {
        visit(child as Element, false);
        continue;
      }
      if (child.type !== 'text' || !container) continue;
      const text = child as unknown as { data: string };
      if (!text.data.trim()) {
        $(child).remove();
        continue;
      }
      if (isBlockEdge(child.prev)) text.data = text.data.trimStart();
      if (isBlockEdge(child.next)) text.data = text.data.trimEnd();
    }
  };
  visit(root, true);
}

const BLOCKS = new Set([
  'p', 'div', 'center', 'section', 'article', 'figure', 'blockquote', 'ul', 'ol', 'li', 'table', 'h1', 'h2', 'h3',
  'h4', 'h5', 'h6', 'hr', 'br', 'pre', 'dl',
]);

function isBlockEdge(node: AnyNode | null): boolean {
  return node === null || (node.type === 'tag' && BLOCKS.has((node as Element).name.toLowerCase()));
}
