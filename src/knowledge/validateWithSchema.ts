import type { z } from "zod";
import type { KnowledgeProblem } from "./knowledgeProblem.js";
import type { YamlFile } from "./readYamlFile.js";
import { TITLE_MAX } from "./schema.js";

const CUSTOM_CODES = new Set(["empty", "tooLong", "badEmail", "badPhone", "badUrl", "badTime", "badMonthDay", "badId", "unknownTopic"]);

/** Validates a parsed file against a schema; every issue becomes a located, translatable problem. */
export function validateWithSchema<T extends z.ZodType>(
  yaml: YamlFile,
  schema: T,
): { value: z.infer<T>; problems: [] } | { value: undefined; problems: KnowledgeProblem[] } {
  const result = schema.safeParse(yaml.data);
  if (result.success) return { value: result.data, problems: [] };
  const problems = result.error.issues.flatMap((issue): KnowledgeProblem[] => {
    const path = issue.path;
    if (CUSTOM_CODES.has(issue.message)) {
      return [yaml.problemAt(path, issue.message, { max: TITLE_MAX })];
    }
    switch (issue.code) {
      case "invalid_type":
        return [
          issue.input === undefined
            ? yaml.problemAt(path, "missing")
            : yaml.problemAt(path, "wrongType", { expected: issue.expected }),
        ];
      case "unrecognized_keys":
        return issue.keys.map((key) => yaml.problemAt([...path, key], "unknownField"));
      case "invalid_value":
        return [yaml.problemAt(path, "badValue")];
      case "too_small":
        return [yaml.problemAt(path, issue.origin === "string" ? "empty" : "tooFew")];
      default:
        return [yaml.problemAt(path, "invalid", { detail: issue.message })];
    }
  });
  return { value: undefined, problems };
}
