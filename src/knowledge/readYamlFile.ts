import { readFileSync } from "node:fs";
import { LineCounter, parseDocument, isMap, isNode, isScalar, type Document } from "yaml";
import { KnowledgeLoadError, fieldPath, type KnowledgeProblem } from "./knowledgeProblem.js";

/** A parsed YAML file that can say on which line any of its fields stands. */
export interface YamlFile {
  readonly file: string;
  readonly text: string;
  readonly data: unknown;
  problemAt(path: readonly PropertyKey[], code: string, params?: Record<string, string | number>): KnowledgeProblem;
}

/**
 * Reads and parses one YAML file. A syntax error becomes a KnowledgeLoadError that names the
 * file, line and column; the file is never half-read.
 */
export function readYamlFile(absolutePath: string, file: string): YamlFile {
  let text: string;
  try {
    text = readFileSync(absolutePath, "utf8");
  } catch {
    throw new KnowledgeLoadError([{ file, line: 1, column: 1, field: "", code: "missingFile", params: {} }]);
  }
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length > 0) {
    throw new KnowledgeLoadError(
      doc.errors.map((error) => {
        const pos = lineCounter.linePos(error.pos[0]);
        return { file, line: pos.line, column: pos.col, field: "", code: "yamlSyntax", params: { detail: error.code } };
      }),
    );
  }
  return {
    file,
    text,
    data: doc.toJS(),
    problemAt(path, code, params = {}) {
      const offset = offsetOf(doc, path);
      const pos = lineCounter.linePos(offset);
      return { file, line: pos.line, column: pos.col, field: fieldPath(path), code, params };
    },
  };
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
