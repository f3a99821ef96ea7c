import { createHash } from "node:crypto";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { buildLexicon, type Lexicon } from "../text/lexicon.js";
import { KnowledgeLoadError, type KnowledgeProblem } from "./knowledgeProblem.js";
import { loadCorpus, withCorpus, type CorpusEntry } from "./loadCorpus.js";
import { readYamlFile, type YamlFile } from "./readYamlFile.js";
import {
  EMAIL,
  PHONE,
  URL_PATTERN,
  emergencyConceptsSchema,
  lexiconSchema,
  nationalSchema,
  WEEKDAYS,
  type EmergencyConceptsSource,
  type Entry,
  type NationalNumbers,
  type Profile,
} from "./schema.js";
import { validateWithSchema } from "./validateWithSchema.js";
import { validateProfile } from "./profileBlanks.js";
import { mergeAnswers, profileFacts } from "./mergeAnswers.js";

/** Everything one comune's bot knows, validated; replaced whole on reload, never patched. */
export interface Knowledge {
  readonly comune: string;
  readonly profile: Profile;
  readonly national: NationalNumbers;
  readonly entries: readonly Entry[];
  readonly lexicon: Lexicon;
  /** the emergency layer's concepts, shared by every comune */
  readonly emergency: EmergencyConceptsSource;
  /** short hash of every file read: two instances serving the same files show the same version */
  readonly version: string;
  /** the shared routing corpus, by entry id */
  readonly corpus: ReadonlyMap<string, CorpusEntry>;
  /** where each entry is written, for messages to staff */
  readonly sources: ReadonlyMap<string, { file: string; line: number }>;
}

/** The comuni that have a folder with a profile under the knowledge root. */
export function listComuni(root: string): string[] {
  if (!existsSync(root)) return [];
  return readdirSync(root)
    .filter((name) => statSync(join(root, name)).isDirectory() && existsSync(join(root, name, "profile.yaml")))
    .sort();
}

/** An entry that passed the schema, with a way to point at any of its fields. */
export interface LocatedEntry {
  readonly entry: Entry;
  readonly file: string;
  readonly line: number;
  problemAt(path: readonly PropertyKey[], code: string, params?: Record<string, string | number>): KnowledgeProblem;
}

/** What reading a comune's knowledge found: the knowledge when nothing is wrong, and every problem. */
export interface KnowledgeInspection {
  readonly knowledge: Knowledge | undefined;
  readonly problems: readonly KnowledgeProblem[];
  /** every entry that passed the schema, even when other files have problems */
  readonly entries: readonly LocatedEntry[];
}

/**
 * Loads and validates one comune's knowledge. Throws KnowledgeLoadError listing every problem
 * (file, line, field); nothing is returned half-valid.
 */
export function loadKnowledge(root: string, comune: string): Knowledge {
  const { knowledge, problems } = inspectKnowledge(root, comune);
  if (!knowledge) throw new KnowledgeLoadError(problems);
  return knowledge;
}

/**
 * Reads and validates one comune's knowledge without throwing for problems in the files, so that
 * further checks (knowledge:check) can look at the entries that are valid.
 */
export function inspectKnowledge(root: string, comune: string): KnowledgeInspection {
  const problems: KnowledgeProblem[] = [];
  const hash = createHash("sha256");
  const read = (file: string) => {
    const yaml = readYamlFile(join(root, file), file);
    hash.update(file).update("\0").update(yaml.text).update("\0");
    return yaml;
  };
  const collect = <T>(fn: () => T): T | undefined => {
    try {
      return fn();
    } catch (error) {
      if (error instanceof KnowledgeLoadError) {
        problems.push(...error.problems);
        return undefined;
      }
      throw error;
    }
  };

  const lexiconFile = collect(() => read("lexicon.yaml"));
  const lexicon = lexiconFile && validateWithSchema(lexiconFile, lexiconSchema);
  const nationalFile = collect(() => read("national.yaml"));
  const national = nationalFile && validateWithSchema(nationalFile, nationalSchema);
  const emergencyFile = collect(() => read("emergency.yaml"));
  const emergency = emergencyFile && validateWithSchema(emergencyFile, emergencyConceptsSchema);
  const profileFile = collect(() => read(join(comune, "profile.yaml")));
  const profile = profileFile && validateProfile(profileFile);
  for (const result of [lexicon, national, emergency, profile]) if (result) problems.push(...result.problems);

  if (profileFile && profile?.value && !(profile.value.contactOffice in profile.value.offices)) {
    problems.push(profileFile.problemAt(["contactOffice"], "unknownContactOffice", { office: profile.value.contactOffice }));
  }
  const hours = profile?.value?.monitoredHours;
  if (profileFile && hours && !hours.notStated && !WEEKDAYS.some((day) => hours[day])) {
    // No window and no notStated: staff forgot the hours, the bot must not say the channels are never followed.
    problems.push(profileFile.problemAt(["monitoredHours"], "tooFew"));
  }
  if (profileFile && profile?.value?.notice) problems.push(...checkNotice(profile.value.notice, profileFile));

  const { corpus, problems: corpusProblems } = loadCorpus(root, read);
  problems.push(...corpusProblems);

  const context = profile?.value && national?.value ? { ...profileFacts(profile.value), national: national.value } : undefined;
  const { entries: merged, problems: entryProblems } = mergeAnswers(root, comune, read, collect);
  problems.push(...entryProblems);
  const entries: Entry[] = [];
  const located: LocatedEntry[] = [];
  const sources = new Map<string, { file: string; line: number }>();
  for (const item of merged) {
    sources.set(item.entry.id, { file: item.file, line: item.line });
    located.push({ entry: item.entry, file: item.file, line: item.line, problemAt: item.at });
    if (context) problems.push(...checkReferences(item.entry, context, item.at));
    const shared = corpus.get(item.entry.id);
    if (shared && shared.topic !== item.entry.topic) {
      problems.push(item.at(["topic"], "corpusTopicMismatch", { entry: item.entry.id, topic: item.entry.topic, other: shared.topic }));
    }
    entries.push(withCorpus(item.entry, corpus));
  }

  if (problems.length > 0 || !lexicon?.value || !national?.value || !emergency?.value || !profile?.value) {
    return { knowledge: undefined, problems, entries: located };
  }
  const knowledge: Knowledge = Object.freeze({
    comune,
    profile: profile.value,
    national: national.value,
    entries: Object.freeze(entries),
    lexicon: buildLexicon(lexicon.value),
    emergency: emergency.value,
    version: hash.digest("hex").slice(0, 12),
    corpus,
    sources,
  });
  return { knowledge, problems, entries: located };
}

/** "2026-12-01T08:00:00+01:00": date, time and offset, so the moment is the same on every server. */
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d{1,3})?)?(?:Z|[+-](?:[01]\d|2[0-3]):[0-5]\d)$/;

/** The instant an ISO date-time with offset stands for, or undefined when it is not one (or not a real day). */
export function parseDateTime(text: string): Date | undefined {
  const match = DATE_TIME.exec(text);
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const calendar = new Date(Date.UTC(year, month - 1, day));
  // Date.parse rolls 30 February over to March: check the day exists.
  if (calendar.getUTCFullYear() !== year || calendar.getUTCMonth() !== month - 1 || calendar.getUTCDate() !== day) return undefined;
  return new Date(text);
}

function checkNotice(notice: NonNullable<Profile["notice"]>, file: YamlFile): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  const from = parseDateTime(notice.from);
  const until = parseDateTime(notice.until);
  if (!from) problems.push(file.problemAt(["notice", "from"], "badDateTime", { value: notice.from }));
  if (!until) problems.push(file.problemAt(["notice", "until"], "badDateTime", { value: notice.until }));
  if (from && until && until.getTime() <= from.getTime()) {
    problems.push(file.problemAt(["notice", "until"], "noticeEndsBeforeStart", { from: notice.from, until: notice.until }));
  }
  return problems;
}

const REFERENCE = /\{\{\s*([^}\s]+)\s*\}\}/g;
const ACTION_TARGETS = {
  call: { pattern: PHONE, expected: "phone" },
  email: { pattern: EMAIL, expected: "email" },
  url: { pattern: URL_PATTERN, expected: "url" },
} as const;

/** Follows a dotted path ("offices.urp.email", "accounts.0.url") through the profile. */
export function resolvePath(context: unknown, path: string): unknown {
  let value: unknown = context;
  for (const key of path.split(".")) {
    if (value === null || typeof value !== "object") return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

function isFact(value: unknown): boolean {
  if (typeof value === "string" || typeof value === "number") return true;
  if (value && typeof value === "object" && !Array.isArray(value)) {
    const keys = Object.keys(value);
    return keys.length === 2 && keys.includes("it") && keys.includes("en");
  }
  return false;
}

function checkReferences(
  entry: Entry,
  context: object,
  at: (path: PropertyKey[], code: string, params?: Record<string, string | number>) => KnowledgeProblem,
): KnowledgeProblem[] {
  const problems: KnowledgeProblem[] = [];
  for (const field of ["answer", "followUp", "menuOpening"] as const) {
    for (const language of ["it", "en"] as const) {
      for (const match of entry[field]?.[language].matchAll(REFERENCE) ?? []) {
        const path = match[1] ?? "";
        if (!isFact(resolvePath(context, path))) {
          problems.push(at([field, language], "unknownReference", { reference: `{{${path}}}` }));
        }
      }
    }
  }
  entry.actions.forEach((action, i) => {
    const rule = ACTION_TARGETS[action.type];
    const value = resolvePath(context, action.target);
    if (typeof value !== "string" || !rule.pattern.test(value)) {
      problems.push(at(["actions", i, "target"], "badActionTarget", { target: action.target, expected: rule.expected }));
    }
  });
  return problems;
}
