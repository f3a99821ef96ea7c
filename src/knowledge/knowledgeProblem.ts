/** One thing wrong in a knowledge file, located for the member of staff who has to fix it. */
export interface KnowledgeProblem {
  /** path relative to the knowledge folder, e.g. "cento/entries/policy.yaml" */
  readonly file: string;
  readonly line: number;
  readonly column: number;
  /** dotted path of the field, e.g. "entries[3].answer.it" */
  readonly field: string;
  /** key of the message in locales/{it,en}/knowledge.json */
  readonly code: string;
  readonly params: Readonly<Record<string, string | number>>;
}

/** Thrown when knowledge cannot be loaded; carries every problem found, not just the first. */
export class KnowledgeLoadError extends Error {
  constructor(readonly problems: readonly KnowledgeProblem[]) {
    super(
      problems
        .slice(0, 5)
        .map((p) => `${p.file}:${p.line}:${p.column} ${p.field} ${p.code}`)
        .join("; "),
    );
    this.name = "KnowledgeLoadError";
  }
}

/** Formats a field path the way staff read it in the YAML: entries[3].answer.it */
export function fieldPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) {
    if (typeof part === "number") out += `[${part}]`;
    else out += out.length === 0 ? String(part) : `.${String(part)}`;
  }
  return out;
}
