/** A line of a list (markdown's "-", "*", "+", "1." or "1)" markers): lists keep their lines together. */
const LIST_ITEM = /^\s*(?:[-*+]|\d{1,9}[.)])\s/;

/**
 * The text with exactly one blank line between paragraphs. Knowledge answers put a single line
 * break between paragraphs, which Messenger shows as one dense block and markdown joins into one
 * paragraph; every line becomes a paragraph of its own, except the lines of a list, which stay together.
 */
export function paragraphs(text: string): string {
  const blocks: string[] = [];
  let list: string[] = [];
  const endList = () => {
    if (list.length > 0) blocks.push(list.join("\n"));
    list = [];
  };
  for (const line of text.split(/\r?\n/).map((l) => l.trimEnd())) {
    if (line.trim() === "") endList();
    else if (LIST_ITEM.test(line)) list.push(line);
    else {
      endList();
      blocks.push(line.trim());
    }
  }
  endList();
  return blocks.join("\n\n");
}
