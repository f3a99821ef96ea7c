import type { KnowledgeProblem } from "./knowledgeProblem.js";
import type { Knowledge, LocatedEntry } from "./loadKnowledge.js";
import type { Entry } from "./schema.js";

/** What kind of thing a word that belongs to a comune is: the warning names it. */
export type MarkKind = "name" | "office" | "contact" | "domain" | "app" | "place" | "rule";

/** A word, address or number that belongs to one comune and should appear in no other comune's texts. */
export interface ComuneMark {
  readonly text: string;
  readonly kind: MarkKind;
  readonly comune: string;
}

/** A text of a comune and where it is written, so that a warning can point at it. */
export interface PlacedText {
  readonly text: string;
  at(code: string, params: Record<string, string | number>): KnowledgeProblem;
}

/**
 * Names as a citizen reads them: a capitalised word or several ("Casumaro", "Alert System") and
 * codes in capitals ("CC BY-ND"). Lower-case words are not names ("cento" is also a number).
 */
const NAME_LIKE = /\p{Lu}[\p{L}\p{N}'’-]*(?:\s+(?:\p{Lu}[\p{L}\p{N}'’-]*|[A-Z]{2,}))*|\b[A-Z]{2,}(?:[ -][A-Z]{2,})*\b/gu;

const domainOf = (url: string) => new URL(url).hostname.replace(/^www\./, "").toLowerCase();

/** An entry's examples that are its comune's own, not the shared corpus's. */
export function localExamples(entry: Entry, knowledge: Knowledge): string[] {
  const shared = knowledge.corpus.get(entry.id);
  return (["it", "en"] as const).flatMap((language) => {
    const corpus = new Set(shared?.examples[language] ?? []);
    return entry.examples[language].filter((example) => !corpus.has(example));
  });
}

/** Every text shared by all comuni (the corpus, the national numbers): a name found there belongs to nobody. */
function sharedText(knowledge: Knowledge): string {
  const corpus = [...knowledge.corpus.values()].flatMap((c) => [...c.examples.it, ...c.examples.en, ...c.keywords.it, ...c.keywords.en]);
  const national = Object.values(knowledge.national).flatMap((n) => [n.name.it, n.name.en]);
  return [...corpus, ...national].join("\n");
}

/** Codes in capitals inside a longer name: "CC BY-ND" of "Creative Commons CC BY-ND". */
const CODE = /\b[A-Z]{2,}(?:[ -][A-Z]{2,})*\b/g;

/** English pronouns are capitalised everywhere: never a name. */
const PRONOUN = /^I(?:['’](?:m|ve|ll|d))?$/;

/** The names in a text, each once, with the codes inside them, leaving out the words that open a sentence. */
function namesIn(text: string): string[] {
  const names = new Set<string>();
  for (const match of text.matchAll(NAME_LIKE)) {
    const name = match[0].trim();
    if (PRONOUN.test(name) || startsSentence(text, match.index)) continue;
    names.add(name);
    for (const code of name.matchAll(CODE)) if (code[0] !== name) names.add(code[0]);
  }
  return [...names];
}

/** The texts of an entry that the comune writes: answers, follow-ups, menu and button labels, local examples. */
function entryTexts(entry: Entry): Array<{ path: PropertyKey[]; text: string }> {
  const out: Array<{ path: PropertyKey[]; text: string }> = [];
  for (const language of ["it", "en"] as const) {
    for (const field of ["answer", "followUp", "menuOpening", "menu"] as const) {
      const text = entry[field]?.[language];
      if (text) out.push({ path: [field, language], text });
    }
    entry.actions.forEach((action, i) => out.push({ path: ["actions", i, "title", language], text: action.title[language] }));
    entry.examples[language].forEach((text, i) => out.push({ path: ["examples", language, i], text }));
    entry.keywords[language].forEach((text, i) => out.push({ path: ["keywords", language, i], text }));
  }
  return out;
}

/**
 * What belongs to a comune, from its loaded knowledge: its name, offices (names, e-mails, numbers),
 * website domain and apps from the profile; the place names of its own examples; and the names its
 * answers use that no shared text has (a licence, a service), which are its rules. A name the other
 * comune uses too, or that the shared texts have, is nobody's.
 */
export function marksOf(knowledge: Knowledge, shared: string, own: ReadonlySet<string>): ComuneMark[] {
  const { profile, comune } = knowledge;
  const marks = new Map<string, ComuneMark>();
  const add = (text: string | undefined, kind: MarkKind) => {
    const trimmed = text?.trim();
    if (!trimmed || marks.has(trimmed) || own.has(trimmed) || mentions(shared, { text: trimmed, kind, comune })) return;
    marks.set(trimmed, { text: trimmed, kind, comune });
  };
  add(profile.name, "name");
  add(profile.name.replace(/^Comune di\s+/i, ""), "name");
  for (const office of Object.values(profile.offices)) {
    add(office.name.it, "office");
    add(office.name.en, "office");
    for (const contact of [office.email, office.phone, office.freephone, office.fax, office.address]) add(contact, "contact");
  }
  for (const url of [profile.website, profile.privacyNotice, profile.policy?.url]) if (url) add(domainOf(url), "domain");
  for (const app of Object.values(profile.apps ?? {})) {
    add(app.name, "app");
    if (app.url) add(domainOf(app.url), "domain");
  }
  for (const entry of knowledge.entries) {
    for (const example of localExamples(entry, knowledge)) for (const name of namesIn(example)) if (!isOrdinaryWord(name, shared)) add(name, "place");
    for (const language of ["it", "en"] as const) {
      for (const text of [entry.answer[language], entry.followUp?.[language]]) if (text) for (const name of namesIn(text)) if (!isOrdinaryWord(name, shared)) add(name, "rule");
    }
  }
  return [...marks.values()];
}

/** A single capitalised word that opens a sentence, a line or a list item is not a name ("Scrivi", "Per"). */
function startsSentence(text: string, at: number): boolean {
  const word = /^\S+/.exec(text.slice(at))?.[0] ?? "";
  if (/[A-Z]{2,}/.test(word) || /^\S+\s+\p{Lu}/u.test(text.slice(at))) return false;
  return /(?:^|[.!?:;\n•«"'(\-–—*])\s*$/.test(text.slice(0, at));
}

/** A name that the shared texts write in lower case ("Facebook" and "facebook", "Hours") is an ordinary word. */
function isOrdinaryWord(name: string, shared: string): boolean {
  if (/\s/.test(name)) return false;
  const escaped = name.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(shared.toLowerCase());
}

/** Whether a text names a mark: names as whole words with their capitals, addresses and numbers anywhere. */
function mentions(text: string, mark: ComuneMark): boolean {
  if (mark.kind === "contact" || mark.kind === "domain") return text.toLowerCase().includes(mark.text.toLowerCase());
  const escaped = mark.text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  return new RegExp(`(?<![\\p{L}\\p{N}])${escaped}(?![\\p{L}\\p{N}])`, "u").test(text);
}

/** Every text of a comune, placed: its entries' texts and its profile's labels. */
export function textsOf(knowledge: Knowledge, entries: readonly LocatedEntry[], profileAt: (path: PropertyKey[], code: string, params: Record<string, string | number>) => KnowledgeProblem): PlacedText[] {
  const placed: PlacedText[] = [];
  for (const located of entries) {
    for (const { path, text } of entryTexts(located.entry)) placed.push({ text, at: (code, params) => located.problemAt(path, code, params) });
  }
  const { profile } = knowledge;
  const labels: Array<{ path: PropertyKey[]; text: string | undefined }> = [
    { path: ["name"], text: profile.name },
    { path: ["monitoredHours", "label", "it"], text: profile.monitoredHours.label.it },
    { path: ["monitoredHours", "label", "en"], text: profile.monitoredHours.label.en },
    { path: ["notice", "it"], text: profile.notice?.it },
    { path: ["notice", "en"], text: profile.notice?.en },
  ];
  for (const [key, office] of Object.entries(profile.offices)) {
    labels.push({ path: ["offices", key, "name", "it"], text: office.name.it }, { path: ["offices", key, "name", "en"], text: office.name.en });
    labels.push({ path: ["offices", key, "address"], text: office.address });
  }
  for (const [key, account] of Object.entries(profile.accounts ?? {})) {
    labels.push({ path: ["accounts", key, "managedBy", "it"], text: account.managedBy?.it }, { path: ["accounts", key, "managedBy", "en"], text: account.managedBy?.en });
  }
  for (const { path, text } of labels) if (text) placed.push({ text, at: (code, params) => profileAt(path, code, params) });
  return placed;
}

/** Every name, address or number the own comune shares with its own profile: never foreign, even if another comune has it too. */
function ownFacts(knowledge: Knowledge): Set<string> {
  const own = new Set<string>();
  const { profile } = knowledge;
  own.add(profile.name);
  for (const office of Object.values(profile.offices)) for (const fact of [office.name.it, office.name.en, office.email, office.phone, office.freephone, office.fax, office.address]) if (fact) own.add(fact);
  for (const app of Object.values(profile.apps ?? {})) own.add(app.name);
  return own;
}

/**
 * Warnings for a comune's texts that name what belongs to another comune: a place, an office, the
 * other comune's name, its e-mail, number or website, or a rule only its answers have. Each warning
 * names the word, where it is and which comune it belongs to.
 */
export function foreignMentions(own: Knowledge, texts: readonly PlacedText[], others: readonly Knowledge[], commonNames: ReadonlySet<string> = new Set()): KnowledgeProblem[] {
  if (others.length === 0) return [];
  const shared = sharedText(own);
  const ownAnswers = new Set(own.entries.flatMap((e) => [e.answer.it, e.answer.en].flatMap(namesIn)));
  const marks = others.flatMap((other) =>
    marksOf(other, shared, ownFacts(own)).filter(
      (mark) => !commonNames.has(mark.text) && (mark.kind !== "place" || (!ownAnswers.has(mark.text) && placeBelongsToOther(own, other, mark))),
    ),
  );
  const problems: KnowledgeProblem[] = [];
  for (const placed of texts) {
    const found = marks.filter((mark) => mentions(placed.text, mark));
    // "Alert System" is one finding, not also "System".
    for (const mark of found) {
      if (found.some((other) => other !== mark && other.text.length > mark.text.length && other.text.includes(mark.text))) continue;
      problems.push(placed.at("foreignMention", { word: mark.text, kind: mark.kind, owner: mark.comune }));
    }
  }
  return problems;
}

/**
 * A place both comuni's examples name belongs to the one that names it more often ("Casumaro" is
 * Cento's even after one of Mezzago's examples borrows it). On a tie (a folder copied whole) it is
 * the original's when the copy still names the original comune and not the other way round.
 */
function placeBelongsToOther(own: Knowledge, other: Knowledge, mark: ComuneMark): boolean {
  const uses = (knowledge: Knowledge, m: ComuneMark) => knowledge.entries.flatMap((entry) => localExamples(entry, knowledge)).filter((example) => mentions(example, m)).length;
  const [inOther, inOwn] = [uses(other, mark), uses(own, mark)];
  if (inOther !== inOwn) return inOther > inOwn;
  const nameOf = (knowledge: Knowledge): ComuneMark => ({ text: knowledge.profile.name.replace(/^Comune di\s+/i, ""), kind: "name", comune: knowledge.comune });
  return uses(own, nameOf(other)) > 0 && uses(other, nameOf(own)) === 0;
}

/**
 * The names that every comune's answers use: shared wording ("GDPR", "Facebook"), nobody's rule.
 * (Once the shared answers live in one defaults file, its names are these.)
 */
/** The names the shared default answers use: wording every comune may say, never another comune's rule. */
export function namesInDefaults(defaults: readonly { answer: { it: string; en: string }; followUp?: { it: string; en: string } | undefined }[]): Set<string> {
  return new Set(defaults.flatMap((e) => [e.answer.it, e.answer.en, e.followUp?.it ?? "", e.followUp?.en ?? ""].flatMap(namesIn)));
}

export function namesInEveryAnswer(comuni: readonly Knowledge[]): Set<string> {
  const [first, ...rest] = comuni.map((k) => new Set(k.entries.flatMap((e) => [e.answer.it, e.answer.en, e.followUp?.it ?? "", e.followUp?.en ?? ""].flatMap(namesIn))));
  if (!first) return new Set();
  return new Set([...first].filter((name) => rest.every((set) => set.has(name))));
}
