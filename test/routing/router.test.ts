import { describe, expect, it } from "vitest";
import type { Entry } from "../../src/knowledge/schema.js";
import { DEFAULT_ROUTER_OPTIONS, Router, isSlip } from "../../src/routing/router.js";
import { buildLexicon } from "../../src/text/lexicon.js";

const lexicon = buildLexicon({
  shorthand: { nn: "non", x: "per" },
  stopwords: { it: ["il", "la", "di", "per", "non", "mi", "e", "un", "una", "c"], en: ["the", "a"] },
  markers: { it: ["il"], en: ["the"] },
  synonyms: [["denuncia", "esposto"]],
  commands: { menu: ["menu"], italian: ["in italiano"], english: ["in inglese"] },
  hypothetical: { it: ["in caso di"], en: ["during"] },
  followUps: { phone: ["numero"], email: ["mail"], address: ["dove si trova"], website: ["sito"] },
  accountWords: ["pagina"],
});

const entry = (id: string, topic: Entry["topic"], keywords: string[], examples: string[], signals?: string[]): Entry => ({
  id,
  topic,
  keywords: { it: keywords, en: [] },
  examples: { it: examples, en: [] },
  ...(signals ? { signals: { it: signals, en: [] } } : {}),
  answer: { it: id, en: id },
  actions: [],
});

const ENTRIES: Entry[] = [
  entry("crime", "redirect.crime", ["denuncia", "furto"], ["voglio fare una denuncia"], ["mi hanno rubato", "denunc*"]),
  entry("report", "redirect.report", ["buca", "lampione", "marciapiede"], ["c'è una buca in strada", "lampione spento"]),
  entry("hours", "policy.hours", ["orari", "orario pagina"], ["a che ora rispondete sulla pagina"]),
  entry("response", "policy.response_time", ["tempi di risposta", "quanto tempo"], ["quanto tempo ci mettete a rispondere"]),
  entry("reuse", "policy.reuse", ["foto", "riutilizzare"], ["posso usare le vostre foto"]),
  entry("privacy", "policy.privacy", ["foto", "dati personali"], ["posso pubblicare foto con dati personali"]),
];

const router = new Router(ENTRIES, lexicon);
const routed = (text: string) => router.route(text).result;

describe("Router, when a safety signal is present", () => {
  it("lets the safety topic win even in a long message about something else", () => {
    const result = routed(
      "buongiorno, volevo segnalare che il lampione davanti a casa è spento da giorni e la buca nel marciapiede è enorme, e comunque stanotte mi hanno rubato la bici",
    );
    expect(result).toMatchObject({ kind: "answer", topic: "redirect.crime", reason: "signal" });
  });

  it("matches a prefix signal and a synonym", () => {
    expect(routed("vorrei denunciarli tutti")).toMatchObject({ topic: "redirect.crime" });
    expect(routed("devo fare un esposto")).toMatchObject({ topic: "redirect.crime" });
  });
});

describe("Router, when the message is ordinary", () => {
  it.each([
    ["lampione spento in via Roma", "redirect.report"],
    ["c'è una bucca enorme nel marciapiedde", "redirect.report"],
    ["ORARI PAGINA???", "policy.hours"],
    ["quanto tempo x una risposta", "policy.response_time"],
  ])("routes %j to %s", (text, topic) => {
    expect(routed(text)).toMatchObject({ kind: "answer", topic });
  });

  it("falls back on gibberish with a low confidence", () => {
    const result = routed("asdkjhasd qwpoeiru");
    expect(result.kind).toBe("fallback");
    expect(result.confidence).toBeLessThan(0.3);
  });

  it("asks which was meant when two topics are equally likely", () => {
    const lenient = new Router(ENTRIES, lexicon, {}, { ...DEFAULT_ROUTER_OPTIONS, minScore: 0.1, clarifyRatio: 0.7, clarifyBelow: 2 });
    const result = lenient.route("foto").result;
    expect(result.kind).toBe("clarify");
    if (result.kind === "clarify") expect(result.candidates.map((e) => e.id).sort()).toEqual(["privacy", "reuse"]);
  });

  it("answers a menu label or an entry id exactly", () => {
    expect(routed("response")).toMatchObject({ kind: "answer", topic: "policy.response_time", confidence: 1 });
  });
});

describe("isSlip", () => {
  it.each([
    ["incedio", "incendio", true],
    ["inccendio", "incendio", true],
    ["icnendio", "incendio", true],
    ["merito", "ferito", false],
    ["ricordo", "ricorso", false],
    ["tuffa", "truffa", true],
  ])("%s for %s: %s", (typed, intended, expected) => {
    expect(isSlip(typed, intended)).toBe(expected);
  });
});

describe("Router, when a message is told as happening now", () => {
  const empty = { it: [], en: [] };
  const emergency = {
    window: 6,
    people: empty,
    states: empty,
    hazards: empty,
    selfHarm: empty,
    weak: empty,
    institutions: empty,
    aboutAlerts: empty,
    past: { it: ["ieri"], en: [] },
    now: { it: ["adesso", "in questo momento"], en: [] },
    over: empty,
    negations: empty,
  };
  const entries = [
    ...ENTRIES,
    entry("emergency", "redirect.emergency", ["sassi sulle auto"], ["tirano sassi sulle auto dal ponte", "lanciano pietre sulle macchine dal cavalcavia", "sassi contro le auto in corsa dal ponte"]),
  ];
  const withRule = new Router(entries, lexicon, { emergency });
  const withoutRule = new Router(entries, lexicon, { emergency }, { ...DEFAULT_ROUTER_OPTIONS, presentModelAbove: 2 });
  const text = "dal ponte tirano sassi sulle auto, mi hanno rubato la bici";

  it("sends to 112 an emergency the model finds likeliest, over another topic's signal", () => {
    expect(withoutRule.route(`adesso ${text}`).result).toMatchObject({ topic: "redirect.crime", reason: "signal" });
    expect(withRule.route(`adesso ${text}`).result).toMatchObject({ topic: "redirect.emergency", reason: "model" });
  });

  it("leaves the signal to decide when something in the message is told as past, or nothing as now", () => {
    expect(withRule.route(`ieri ${text}, adesso basta`).result).toMatchObject({ topic: "redirect.crime", reason: "signal" });
    expect(withRule.route(text).result).toMatchObject({ topic: "redirect.crime", reason: "signal" });
  });
});
