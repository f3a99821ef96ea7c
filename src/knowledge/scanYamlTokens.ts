import { CST } from "yaml";

/** What the parser's token tree shows before any document is built from it. */
export interface TokenScan {
  /** where the first list or group nested deeper than the limit starts */
  readonly tooDeep?: number;
  /** where an anchor (&name) stands that no alias uses: a text starting with "&" that YAML swallowed */
  readonly unusedAnchor?: number;
}

/**
 * Walks the token tree without recursion: the YAML composer recurses once per nesting level, and a
 * small file of thousands of nested brackets would exhaust the stack (and can crash the process).
 */
export function scanYamlTokens(tokens: readonly CST.Token[], maxNesting: number): TokenScan {
  const anchors: CST.SourceToken[] = [];
  const aliases = new Set<string>();
  const stack = tokens.map((token) => ({ token, depth: 0 })).reverse();
  for (let next = stack.pop(); next; next = stack.pop()) {
    const { token, depth } = next;
    const push = (child: CST.Token | null | undefined, childDepth: number) => {
      if (child) stack.push({ token: child, depth: childDepth });
    };
    switch (token.type) {
      case "document":
        anchors.push(...anchorsIn(token.start));
        push(token.value, depth);
        break;
      case "block-scalar":
        for (const prop of token.props) if (prop.type === "anchor") anchors.push(prop);
        break;
      case "alias":
        aliases.add(token.source.slice(1).trim());
        break;
      case "block-map":
      case "block-seq":
      case "flow-collection": {
        if (depth >= maxNesting) return { tooDeep: token.offset };
        for (const item of [...token.items].reverse()) {
          anchors.push(...anchorsIn(item.start), ...anchorsIn(item.sep ?? []));
          push(item.value, depth + 1);
          push(item.key, depth + 1);
        }
        break;
      }
    }
  }
  const unused = anchors.filter((anchor) => !aliases.has(anchor.source.slice(1))).sort((a, b) => a.offset - b.offset)[0];
  return unused ? { unusedAnchor: unused.offset } : {};
}

const anchorsIn = (tokens: readonly CST.SourceToken[]) => tokens.filter((token) => token.type === "anchor");
