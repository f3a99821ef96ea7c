import { mkdtempSync, readFileSync, readdirSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createKnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import { fixedClock } from "../../src/conversation/officeHours.js";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { InteractionLog } from "../../src/staff/interactionLog.js";
import { copyKnowledge } from "../support/knowledgeCopy.js";
import { i18n, realBundle } from "../support/realKnowledge.js";
import { conversationStart, seen, testBot, turn } from "../support/testBot.js";

const NOW = new Date("2026-11-24T10:00:00+01:00");

function botWithLog(bundle = realBundle("cento"), now = NOW) {
  const dir = mkdtempSync(join(tmpdir(), "interactions-"));
  const interactions = new InteractionLog({ dir, clock: () => now });
  const { adapter } = testBot(bundle, "it-IT", { clock: fixedClock(now), interactions });
  const lines = async (kind: string) => {
    // Every record the turns started is written once drain resolves, however busy the machine.
    await interactions.drain();
    return readdirSync(dir)
      .filter((f) => f.startsWith(kind))
      .flatMap((f) => readFileSync(join(dir, f), "utf8").split("\n").filter(Boolean))
      .map((l) => JSON.parse(l) as Record<string, unknown>);
  };
  return { adapter, lines };
}

describe("feedback on answers", () => {
  it("offers two choices after an answer and records the one chosen with entry and topic only", async () => {
    const { adapter, lines } = botWithLog();
    const answer = await turn(adapter, "come vengono moderati i commenti?");
    const choices = answer.at(-1)!.suggestedActions!.actions.map((a) => a.title);
    expect(choices).toEqual(["Sì, mi è utile", "No, non mi aiuta"]);
    const thanks = seen(await turn(adapter, "No, non mi aiuta"));
    expect(thanks).toMatch(/Grazie del riscontro/);
    expect(thanks).toMatch(/urp@comune\.cento\.fe\.it/);
    const feedback = await lines("feedback");
    expect(feedback).toEqual([expect.objectContaining({ entry: "moderation", topic: "policy.moderation", helpful: false })]);
    expect(JSON.stringify(feedback)).not.toMatch(/commenti/);
  });

  it("does not ask for feedback after an emergency", async () => {
    const { adapter } = botWithLog();
    const answer = await turn(adapter, "aiuto c'è un incendio in casa del vicino");
    expect(answer.at(-1)!.suggestedActions?.actions.map((a) => a.title) ?? []).not.toContain("Sì, mi è utile");
  });
});

describe("the missed-question log", () => {
  it("keeps what fell to fallback, redacted, and counts answered questions without their text", async () => {
    const { adapter, lines } = botWithLog();
    await turn(adapter, "qwzx blorf fnargh, lucia.bernardi@example.com 333 1234567");
    await turn(adapter, "quali sono le regole per commentare?");
    const missed = await lines("missed");
    expect(missed).toHaveLength(1);
    expect(missed[0]).toMatchObject({ topic: "fallback" });
    const raw = JSON.stringify(missed);
    for (const secret of ["lucia", "bernardi", "333 1234567"]) expect(raw.toLowerCase()).not.toContain(secret);
    expect(raw).toContain("blorf");
    const questions = await lines("questions");
    expect(questions).toEqual([expect.objectContaining({ entry: "rules", topic: "policy.rules" })]);
  });
});

describe("a temporary notice in the profile", () => {
  const withNotice = () => {
    const copy = copyKnowledge();
    copy.write(
      "mezzago/profile.yaml",
      `${copy.read("mezzago/profile.yaml")}notice:\n  it: "Uffici chiusi per neve fino a mercoledì."\n  en: "Offices closed for snow until Wednesday."\n  from: "2026-11-24T08:00:00+01:00"\n  until: "2026-11-26T08:00:00+01:00"\n`,
    );
    return createKnowledgeBundle(loadKnowledge(copy.dir, "mezzago"), i18n);
  };

  it("is shown in the welcome and before the first answer only while in force", async () => {
    const bundle = withNotice();
    const inForce = botWithLog(bundle).adapter;
    expect(seen(await turn(inForce, conversationStart()))).toMatch(/Avviso: Uffici chiusi per neve/);
    expect(seen(await turn(inForce, "orari della pagina?"))).not.toMatch(/Uffici chiusi/);
    const firstAnswer = botWithLog(bundle).adapter;
    expect(seen(await turn(firstAnswer, "orari della pagina?"))).toMatch(/Avviso: Uffici chiusi per neve/);
    const after = botWithLog(bundle, new Date("2026-11-26T09:00:00+01:00")).adapter;
    expect(seen(await turn(after, "orari della pagina?"))).not.toMatch(/Uffici chiusi/);
    const before = botWithLog(bundle, new Date("2026-11-24T07:59:00+01:00")).adapter;
    expect(seen(await turn(before, conversationStart()))).not.toMatch(/Uffici chiusi/);
  });
});
