import { Composer, LineCounter, Parser, isMap, isNode, isScalar, visit, type Document } from "yaml";
import { describeYamlError, type YamlErrorAt } from "./describeYamlError.js";
import { KnowledgeLoadError, fieldPath, type KnowledgeProblem } from "./knowledgeProblem.js";
import { readKnowledgeText } from "./readKnowledgeText.js";
import { scanYamlTokens } from "./scanYamlTokens.js";

/** A parsed YAML file that can say on which line any of its fields stands. */
export interface YamlFile {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  problemAt(path: readonly PropertyKey[], code: string, params?: Record<string, string | number>): KnowledgeProblem;
}

/**
 * Knowledge files use no anchors or aliases (& and *); a few are tolerated, and the limit stops a
 * "billion laughs" file from expanding into gigabytes.
 */
export const MAX_ALIAS_COUNT = 100;

/**
 * The deepest nesting of lists and groups of fields accepted. Knowledge files go six levels deep (the
 * file, entries, an entry, its actions, an action, its title). The YAML composer recurses once per
 * level: thousands of nested brackets in a 200 KB file exhaust the stack, and two such files in a
 * row crashed the whole process inside V8, so the depth is measured on the tokens first.
 */
export const MAX_NESTING = 32;

/**
 * Reads and parses one YAML file. Every way it can fail becomes a KnowledgeLoadError that names the
 * file, line and column: unreadable, too large, not UTF-8, a syntax error (described as the mistake
 * staff made, where they made it), nesting too deep, too many aliases. The file is never half-read.
 */
export function readYamlFile(absolutePath: string, file: string): YamlFile {
  const text = readKnowledgeText(absolutePath, file);
  const lineCounter = new LineCounter();
  const fail = (offset: number, code: string, params: Record<string, string | number> = {}): never => {
    const pos = lineCounter.linePos(offset);
    throw new KnowledgeLoadError([{ file, line: pos.line, column: pos.col, field: "", code, params }]);
  };

  const tokens = [...new Parser(lineCounter.addNewLine).parse(text)];
  const scan = scanYamlTokens(tokens, MAX_NESTING);
  if (scan.tooDeep !== undefined) fail(scan.tooDeep, "tooDeep", { max: MAX_NESTING });
  const [doc, second] = new Composer({ prettyErrors: false, uniqueKeys: true }).compose(tokens, true, text.length);
  if (!doc) return fail(0, "yamlSyntax");
  const errors: YamlErrorAt[] = [...doc.errors];
  // "---" on a line starts a second document, which the loader would silently drop.
  if (second) errors.push({ code: "MULTIPLE_DOCS", pos: [second.range[0], second.range[1]] });
  if (errors.length > 0) {
    const mistake = describeYamlError(doc, text, errors);
    fail(mistake.offset, mistake.code, mistake.params);
  }
  const aliases = checkAliases(doc);
  if (aliases.unresolved !== undefined) fail(aliases.unresolved, "yamlReservedStart", { char: "*" });
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    // Every alias resolves: toJS throws only when expanding them costs too much.
    fail(aliases.first ?? 0, "tooManyAliases", { max: MAX_ALIAS_COUNT });
  }
  // YAML drops an unknown tag (a text starting with "!") or an anchor (with "&") and keeps the rest of
  // the text: staff would never see the words they lost.
  const tag = doc.warnings.find((warning) => warning.code === "TAG_RESOLVE_FAILED");
  if (tag) fail(tag.pos[0], "yamlReservedStart", { char: "!" });
  if (scan.unusedAnchor !== undefined) fail(scan.unusedAnchor, "yamlReservedStart", { char: "&" });
  return {
    file,
    text,
    data,
    problemAt(path, code, params = {}) {
      const offset = offsetOf(doc, path);
      const pos = lineCounter.linePos(offset);
      return { file, line: pos.line, column: pos.col, field: fieldPath(path), code, params };
    },
  };
}

/**
 * The first alias, and the first one naming no anchor: "*importante*" at the start of a text is
 * read as an alias, and staff need to hear that the star needs quotes, not about anchors.
 */
function checkAliases(doc: Document): { first?: number; unresolved?: number } {
  const found: { first?: number; unresolved?: number } = {};
  visit(doc, {
    Alias(_key, node) {
      const offset = node.range?.[0] ?? 0;
      found.first ??= offset;
      if (!node.resolve(doc)) {
        found.unresolved = offset;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Where a field stands: the start of its node, or for a missing field the key of its parent
 * ("answer:"), so the message points at the line staff have to complete.
 */
function offsetOf(doc: Document, path: readonly PropertyKey[]): number {
  const keys = path.map((k) => (typeof k === "symbol" ? String(k) : k));
  for (let depth = keys.length; depth >= 0; depth--) {
    const node = depth === 0 ? doc.contents : doc.getIn(keys.slice(0, depth), true);
    if (!isNode(node) || !node.range) continue;
    if (depth === keys.length || depth === 0) return node.range[0];
    const parent = depth === 1 ? doc.contents : doc.getIn(keys.slice(0, depth - 1), true);
    if (isMap(parent)) {
      const pair = parent.items.find((item) => isScalar(item.key) && item.key.value === keys[depth - 1]);
      if (pair && isNode(pair.key) && pair.key.range) return pair.key.range[0];
    }
    return node.range[0];
  }
  return 0;
}
