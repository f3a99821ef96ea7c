import type { Activity, CardAction } from "botbuilder";
import { describe, expect, it } from "vitest";
import { escapeMarkdown } from "../../src/answers/escapeMarkdown.js";
import type { Reply, ReplyButton } from "../../src/answers/reply.js";
import { renderReply, shorten } from "../../src/channels/renderReply.js";
import { messengerViolations } from "./messengerLimits.js";

const CALL_URP: ReplyButton = { kind: "call", title: "Chiama l'URP", value: "+39800375515" };
const WRITE_URP: ReplyButton = { kind: "email", title: "Scrivi all'URP", value: "urp@comune.cento.fe.it" };
const OPEN_SITE: ReplyButton = { kind: "url", title: "Sito del Comune", value: "https://www.comune.cento.fe.it" };
const CALL_112: ReplyButton = { kind: "call", title: "Chiama il 112", value: "112" };

const reply = (text: string, buttons: ReplyButton[] = [], suggestions: Reply["suggestions"] = []): Reply => ({ text, buttons, suggestions });

function buttonsOf(activities: ReadonlyArray<Partial<Activity>>): CardAction[] {
  return activities.flatMap((a) => (a.attachments ?? []).flatMap((c) => (c.content as { buttons?: CardAction[] }).buttons ?? []));
}

/** A text of about `length` characters: numbered sentences of 60–70 characters, in paragraphs of five. */
function longText(length: number): string {
  const sentences: string[] = [];
  for (let i = 1; sentences.join(" ").length < length; i++) {
    sentences.push(`Frase numero ${i}: il Comune risponde sui canali social negli orari indicati.`);
  }
  const paragraphs: string[] = [];
  for (let i = 0; i < sentences.length; i += 5) paragraphs.push(sentences.slice(i, i + 5).join(" "));
  return paragraphs.join("\n\n");
}

describe("When a 5,000-character reply goes to Messenger", () => {
  const text = longText(5000);
  const activities = renderReply(reply(text, [CALL_URP, OPEN_SITE]), "facebook", { cardTitle: "Contatti e link utili" });

  it("is split into messages of at most 2000 characters", () => {
    expect(text.length).toBeGreaterThanOrEqual(5000);
    expect(activities.length).toBeGreaterThanOrEqual(3);
    for (const activity of activities) expect((activity.text ?? "").length).toBeLessThanOrEqual(2000);
  });

  it("cuts only at the end of a sentence", () => {
    const pieces = activities.map((a) => a.text ?? "").filter(Boolean);
    for (const piece of pieces) {
      expect(piece).toMatch(/^Frase numero \d+:/);
      expect(piece).toMatch(/indicati\.$/);
    }
  });

  it("keeps every sentence, in order", () => {
    const numbers = activities.flatMap((a) => [...(a.text ?? "").matchAll(/Frase numero (\d+):/g)].map((m) => Number(m[1])));
    expect(numbers).toEqual(numbers.map((_n, i) => i + 1));
    expect(numbers.length).toBe([...text.matchAll(/Frase numero/g)].length);
  });

  it("puts the buttons after the text, within Messenger's limits", () => {
    expect(messengerViolations(activities)).toEqual([]);
    expect(activities.at(-1)?.attachments).toHaveLength(1);
    expect(buttonsOf(activities).map((b) => b.value)).toEqual(["tel:+39800375515", "https://www.comune.cento.fe.it"]);
  });
});

describe("When a reply with call, e-mail and link buttons is rendered", () => {
  const answer = reply("Scrivi all'URP: urp@comune.cento.fe.it, oppure chiama il numero verde 800 375 515.", [CALL_URP, WRITE_URP, OPEN_SITE]);

  it.each(["webchat", "directline", undefined])("Web Chat (%s) keeps one hero card with the bare number, mailto: and the link", (channelId) => {
    const activities = renderReply(answer, channelId);
    expect(activities).toHaveLength(1);
    const [activity] = activities;
    expect(activity?.textFormat).toBe("markdown");
    expect(activity?.text).toBe("Scrivi all'URP: <urp@comune.cento.fe.it>, oppure chiama il numero verde 800 375 515.");
    expect(activity?.attachments?.map((a) => a.contentType)).toEqual(["application/vnd.microsoft.card.hero"]);
    // Web Chat's hero card opens "tel:" + the value of a call action: a "tel:" here would open "tel:tel:…".
    expect(buttonsOf(activities)).toEqual([
      { type: "call", title: "Chiama l'URP", value: "+39800375515" },
      { type: "openUrl", title: "Scrivi all'URP", value: "mailto:urp@comune.cento.fe.it" },
      { type: "openUrl", title: "Sito del Comune", value: "https://www.comune.cento.fe.it" },
    ]);
  });

  it("Web Chat calls 112 with the bare number too", () => {
    expect(buttonsOf(renderReply(reply("Chiama subito il 112.", [CALL_112]), "directline"))).toEqual([{ type: "call", title: "Chiama il 112", value: "112" }]);
  });

  it("Web Chat's rendering would break Messenger's limits (the check can fail)", () => {
    expect(messengerViolations(renderReply(answer, "webchat"))).not.toEqual([]);
  });

  it("Messenger drops the e-mail button, whose address is already in the text", () => {
    const activities = renderReply(answer, "facebook", { cardTitle: "Contatti e link utili" });
    expect(messengerViolations(activities)).toEqual([]);
    expect(activities.map((a) => a.text)).toEqual([answer.text]);
    expect(activities[0]?.textFormat).toBe("plain");
    expect(buttonsOf(activities)).toEqual([
      { type: "openUrl", title: "Chiama l'URP", value: "tel:+39800375515" },
      { type: "openUrl", title: "Sito del Comune", value: "https://www.comune.cento.fe.it" },
    ]);
    expect((activities[0]?.attachments?.[0]?.content as { title?: string }).title).toBe("Contatti e link utili");
  });
});

describe("When Messenger cannot show a button", () => {
  it("writes a missing e-mail address in the text", () => {
    const [activity] = renderReply(reply("Puoi scrivere all'URP.", [WRITE_URP]), "facebook");
    expect(activity?.text).toBe("Puoi scrivere all'URP.\n\nScrivi all'URP: urp@comune.cento.fe.it");
    expect(activity?.attachments).toBeUndefined();
  });

  it("drops a call button with a short national number and keeps the number in the text", () => {
    const [activity] = renderReply(reply("In caso di emergenza chiama subito il 112.", [CALL_112]), "facebook");
    expect(activity?.text).toBe("In caso di emergenza chiama subito il 112.");
    expect(activity?.attachments).toBeUndefined();
  });

  it("adds a short number the text does not give", () => {
    const [activity] = renderReply(reply("Chiama il numero di emergenza.", [CALL_112]), "facebook");
    expect(activity?.text).toBe("Chiama il numero di emergenza.\n\nChiama il 112: 112");
  });

  it("does not take 112 for part of another number", () => {
    const [activity] = renderReply(reply("Chiama lo 0511234567.", [CALL_112]), "facebook");
    expect(activity?.text).toContain("Chiama il 112: 112");
  });
});

describe("When a reply breaks Messenger's other limits", () => {
  it("turns markdown into plain text", () => {
    const [activity] = renderReply(
      reply("# Orari\n**Attenzione**: leggi la `policy` su [il sito](https://www.comune.cento.fe.it) o _qui_: instagram.com/informagiovani_cento"),
      "facebook",
    );
    expect(activity?.text).toBe("Orari\n\nAttenzione: leggi la policy su il sito: https://www.comune.cento.fe.it o qui: instagram.com/informagiovani_cento");
  });

  it("keeps markdown on Web Chat", () => {
    const [activity] = renderReply(reply("**Attenzione**"), "webchat");
    expect(activity?.text).toBe("**Attenzione**");
  });

  it("spreads more than three buttons over several cards", () => {
    const buttons = [1, 2, 3, 4].map((n): ReplyButton => ({ kind: "url", title: `Pagina ${n}`, value: `https://example.org/${n}` }));
    const activities = renderReply(reply("Le pagine ufficiali.", buttons), "facebook", { cardTitle: "Link" });
    expect(messengerViolations(activities)).toEqual([]);
    expect(activities[0]?.attachments?.map((c) => (c.content as { buttons: unknown[] }).buttons.length)).toEqual([3, 1]);
    expect(activities[0]?.attachmentLayout).toBe("carousel");
  });

  it("drops links that are not http(s)", () => {
    const activities = renderReply(reply("Vedi sotto.", [{ kind: "url", title: "FTP", value: "ftp://example.org/file" }]), "facebook");
    expect(buttonsOf(activities)).toEqual([]);
    expect(activities[0]?.text).toContain("ftp://example.org/file");
  });

  it("puts the buttons on a card of their own after text longer than 640 characters", () => {
    const activities = renderReply(reply(longText(900), [OPEN_SITE]), "facebook", { cardTitle: "Contatti e link utili" });
    expect(activities).toHaveLength(2);
    expect(activities[0]?.attachments).toBeUndefined();
    expect(activities[1]?.text).toBeUndefined();
    expect(messengerViolations(activities)).toEqual([]);
  });

  it("offers at most 10 quick replies, with titles of at most 20 characters, on the last message", () => {
    const items = Array.from({ length: 14 }, (_v, i) => ({ title: `Argomento molto lungo numero ${i + 1}`, text: `argomento ${i + 1}` }));
    const activities = renderReply(reply(longText(2500), [], [{ purpose: "menu", items }]), "facebook");
    expect(messengerViolations(activities)).toEqual([]);
    const actions = activities.at(-1)?.suggestedActions?.actions ?? [];
    expect(actions).toHaveLength(10);
    expect(actions[0]).toEqual({ type: "imBack", title: "Argomento molto…", value: "argomento 1" });
  });
});

describe("When a reply has paragraphs", () => {
  const text = "Primo paragrafo.\nSecondo paragrafo:\n1) uno;\n2) due.\n\n\nUltimo.";

  it.each(["facebook", "directline"])("%s gets one blank line between paragraphs, and a list keeps its lines together", (channelId) => {
    const [activity] = renderReply(reply(text), channelId);
    expect(activity?.text).toBe("Primo paragrafo.\n\nSecondo paragrafo:\n\n1) uno;\n2) due.\n\nUltimo.");
  });
});

describe("When a reply gives web and e-mail addresses", () => {
  const text = "Scrivi a urp@comune.cento.fe.it o guarda https://www.comune.cento.fe.it. Pagina: (https://www.facebook.com/polizialocalecento/)";

  it("Web Chat gets them as links", () => {
    const [activity] = renderReply(reply(text), "directline");
    expect(activity?.text).toBe(
      "Scrivi a <urp@comune.cento.fe.it> o guarda <https://www.comune.cento.fe.it>. Pagina: (<https://www.facebook.com/polizialocalecento/>)",
    );
  });

  it("Messenger gets them as written", () => {
    expect(renderReply(reply(text), "facebook")[0]?.text).toBe(text);
  });

  it("words the citizen wrote, escaped, are never linked, and Messenger shows them as written", () => {
    const citizen = "[vinci](https://evil.example) **subito** <b>x</b> evil.com a@b.com";
    const quoted = reply(`${escapeMarkdown(citizen)} non è ufficiale: scrivi a urp@comune.cento.fe.it`);
    expect(renderReply(quoted, "directline")[0]?.text).toBe(`${escapeMarkdown(citizen)} non è ufficiale: scrivi a <urp@comune.cento.fe.it>`);
    expect(renderReply(quoted, "facebook")[0]?.text).toBe(`${citizen} non è ufficiale: scrivi a urp@comune.cento.fe.it`);
  });
});

describe("When a title is too long", () => {
  it.each([
    ["Contatti", 20, "Contatti"],
    ["Applications & forms", 20, "Applications & forms"],
    ["Applications and forms", 20, "Applications and…"],
    ["Supercalifragilistichespiralidoso", 20, "Supercalifragilisti…"],
  ])("%s in %i characters is %s", (title, max, expected) => {
    expect(shorten(title, max)).toBe(expected);
    expect(shorten(title, max).length).toBeLessThanOrEqual(max);
  });
});
