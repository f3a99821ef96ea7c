import { describe, expect, it } from "vitest";
import { conversationStart, seen, testBot, turn } from "../support/testBot.js";
import { realBundle } from "../support/realKnowledge.js";

describe("MainDialog, when a conversation starts", () => {
  it("welcomes once, says it is an automated assistant and, with no privacy notice on record, names the office to ask", async () => {
    const { adapter } = testBot("cento");
    const welcome = await turn(adapter, conversationStart());
    expect(welcome).toHaveLength(1);
    expect(welcome[0]!.text).toContain("assistente automatico del Comune di Cento");
    // Cento's policy gives no privacy notice: the welcome names the URP instead of linking the home page.
    expect(welcome[0]!.text).toContain("URP (Ufficio Relazioni con il Pubblico)");
    expect(welcome[0]!.text).toContain("urp@comune.cento.fe.it");
    expect(welcome[0]!.text).not.toContain("https://www.comune.cento.fe.it");
    expect(welcome[0]!.suggestedActions?.actions.length).toBeGreaterThan(3);
    expect(await turn(adapter, conversationStart())).toHaveLength(0);
    const answer = await turn(adapter, "quali sono le regole per commentare?");
    expect(answer[0]!.text).not.toContain("assistente automatico");
  });

  it("welcomes in English when the channel's locale is English", async () => {
    const { adapter } = testBot("mezzago", "en-GB");
    const welcome = await turn(adapter, conversationStart());
    expect(welcome[0]!.text).toContain("automated assistant of the Comune di Mezzago");
    expect(welcome[0]!.text).toContain("segreteria@comune.mezzago.mb.it");
  });
});

describe("MainDialog, when the first message comes with no welcome", () => {
  it("opens the first reply with the disclosure line, and only the first", async () => {
    const { adapter } = testBot("cento");
    const first = await turn(adapter, "a che ora rispondete?");
    expect(first[0]!.text!.startsWith("Sono l'assistente automatico del Comune di Cento")).toBe(true);
    const second = await turn(adapter, "e quanto ci mettete a rispondere?");
    expect(second[0]!.text).not.toContain("assistente automatico");
  });

  it("keeps 112 in the first sentence of an emergency and puts the disclosure last", async () => {
    const { adapter } = testBot("mezzago");
    const [reply] = await turn(adapter, "c'è un incendio in cascina e un uomo è rimasto dentro");
    const firstSentence = reply!.text!.split(/[.!]/)[0]!;
    expect(firstSentence).toContain("112");
    expect(reply!.text!.trim().endsWith("non una persona.")).toBe(true);
  });
});

describe("MainDialog, commands at any point", () => {
  it("switches to English and keeps it for the next questions", async () => {
    const { adapter } = testBot("cento");
    const switched = await turn(adapter, "in inglese");
    expect(switched[0]!.text).toContain("English");
    const answer = await turn(adapter, "orari della pagina");
    expect(seen(answer)).toMatch(/Monday to Friday/);
  });

  it("shows the menu for 'menu' with suggested actions", async () => {
    const { adapter } = testBot("mezzago");
    const reply = await turn(adapter, "menu");
    const labels = reply[0]!.suggestedActions!.actions.map((a) => a.title);
    const menuLabels = realBundle("mezzago").knowledge.entries.filter((e) => e.menu).map((e) => e.menu!.it);
    expect(labels).toEqual(menuLabels);
  });

  it("answers a menu button as the entry it names", async () => {
    const { adapter } = testBot("cento");
    const entry = realBundle("cento").knowledge.entries.find((e) => e.topic === "policy.hours" && e.menu)!;
    const reply = await turn(adapter, entry.menu!.it);
    expect(seen(reply)).toContain("13:00");
  });
});
