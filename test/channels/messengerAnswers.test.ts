import { describe, expect, it } from "vitest";
import type { Reply } from "../../src/answers/reply.js";
import { renderReply } from "../../src/channels/renderReply.js";
import { answerEntry, withDisclosure } from "../../src/conversation/answerMessage.js";
import type { Language } from "../../src/text/stemWord.js";
import { COMUNI, realBundle } from "../support/realKnowledge.js";
import { messengerViolations } from "./messengerLimits.js";

const LANGUAGES: Language[] = ["it", "en"];
/** Monday morning (staff at work in both comuni) and Sunday (nobody there): office-hours answers differ. */
const INSTANTS = [new Date("2026-11-23T10:00:00+01:00"), new Date("2026-11-22T10:00:00+01:00")];

/**
 * Every reply the bot can give, by name: each entry's answer (as composed, as answered inside and
 * outside office hours, as the first reply of a conversation, opened by a menu tap), its follow-up
 * reply, welcome, the contact office, fallback, menu and a clarification between each entry and the next.
 */
function everyReply(comune: string, language: Language): Array<[string, Reply]> {
  const bundle = realBundle(comune);
  const { composer, knowledge } = bundle;
  const replies: Array<[string, Reply]> = [];
  for (const entry of knowledge.entries) {
    replies.push([entry.id, composer.answer(entry, language)]);
    const followUp = composer.entryFollowUp(entry, language);
    if (followUp) replies.push([`${entry.id} follow-up`, followUp]);
    const opening = composer.menuOpening(entry, language);
    if (opening) replies.push([`${entry.id} from the menu`, { ...composer.answer(entry, language), text: `${opening}\n\n${composer.answer(entry, language).text}` }]);
    for (const now of INSTANTS) {
      const answered = answerEntry(entry, bundle, language, now);
      replies.push([`${entry.id} as answered on ${now.toISOString()}`, answered.reply]);
      replies.push([`${entry.id} as first reply on ${now.toISOString()}`, withDisclosure(answered.reply, composer.disclosure(language), entry.topic)]);
    }
  }
  replies.push(["welcome", composer.welcome(language)]);
  replies.push(["contact office", composer.contactOffice(language)]);
  replies.push(["fallback", composer.fallback(language)]);
  replies.push(["menu", { text: composer.t(language, "menuIntro"), buttons: [], suggestions: [composer.menu(language)] }]);
  knowledge.entries.forEach((entry, i) => {
    const other = knowledge.entries[(i + 1) % knowledge.entries.length]!;
    replies.push([`clarify ${entry.id} / ${other.id}`, composer.clarify(entry, other, language)]);
  });
  return replies;
}

describe.each(COMUNI)("When every reply of %s is rendered for Messenger", (comune) => {
  describe.each(LANGUAGES)("in %s", (language) => {
    const cardTitle = realBundle(comune).composer.t(language, "cardTitle", { ns: "messenger" });
    const replies = everyReply(comune, language);

    it("there are replies to check", () => {
      expect(replies.length).toBeGreaterThan(realBundle(comune).knowledge.entries.length * 5);
    });

    it.each(replies)("%s fits Messenger's limits", (_name, reply) => {
      const activities = renderReply(reply, "facebook", { cardTitle });
      expect(messengerViolations(activities)).toEqual([]);
      expect(activities.length).toBeGreaterThan(0);
    });

    it.each(replies)("%s keeps every e-mail address and phone number", (_name, reply) => {
      const shown = renderReply(reply, "facebook", { cardTitle })
        .flatMap((a) => [a.text ?? "", ...(a.attachments ?? []).flatMap((c) => ((c.content as { buttons?: Array<{ value: string }> }).buttons ?? []).map((b) => b.value))])
        .join("\n")
        .replace(/\s+/g, "");
      for (const button of reply.buttons) {
        const value = button.kind === "call" ? button.value.replace(/^\+39/, "") : button.value;
        expect(shown).toContain(value.replace(/\s+/g, ""));
      }
    });
  });
});
