import { profileFacts } from "../knowledge/mergeAnswers.js";
import type { i18n } from "i18next";
import { DateTime } from "luxon";
import type { OfficeStatus } from "../conversation/officeHours.js";
import { resolvePath, type Knowledge } from "../knowledge/loadKnowledge.js";
import type { Entry } from "../knowledge/schema.js";
import { LANGUAGES, type Language } from "../text/stemWord.js";
import { escapeMarkdown } from "./escapeMarkdown.js";
import { localizeFacts } from "./localizeFacts.js";
import { internationalPhone } from "./phoneNumber.js";
import type { Reply, ReplyButton, SuggestionSet } from "./reply.js";

/** Interface strings remembered at most; cleared whole when full (they are cheap to rebuild). */
const STRING_CACHE_LIMIT = 5_000;

/**
 * Builds every reply of one comune from its knowledge and the interface strings: answer texts go
 * through i18next with the profile's facts as interpolation values, so a number lives in one place.
 */
export class ReplyComposer {
  private readonly namespace: string;
  private readonly facts: Record<Language, Record<string, unknown>>;
  private readonly answers = new Map<string, Reply>();
  private readonly strings = new Map<string, string>();
  private readonly statusLines = new WeakMap<OfficeStatus, Partial<Record<Language, string>>>();
  private feedbackWords: ReadonlyMap<string, boolean> | undefined;

  constructor(private readonly knowledge: Knowledge, private readonly i18n: i18n) {
    this.namespace = `kb_${knowledge.comune}_${knowledge.version}`;
    const context = { ...profileFacts(knowledge.profile), national: knowledge.national };
    this.facts = {
      it: localizeFacts(context, "it") as Record<string, unknown>,
      en: localizeFacts(context, "en") as Record<string, unknown>,
    };
    for (const language of LANGUAGES) {
      const bundle: Record<string, unknown> = {};
      for (const entry of knowledge.entries) {
        bundle[entry.id] = {
          answer: entry.answer[language].trim(),
          ...(entry.followUp ? { followUp: entry.followUp[language].trim() } : {}),
          ...(entry.menuOpening ? { menuOpening: entry.menuOpening[language].trim() } : {}),
          actions: Object.fromEntries(entry.actions.map((a, i) => [String(i), a.title[language]])),
        };
      }
      i18n.addResourceBundle(language, this.namespace, bundle, false, true);
    }
  }

  /** The entry's answer with its buttons; the same for the life of this knowledge, so built once. */
  answer(entry: Entry, language: Language): Reply {
    const key = `${language}:${entry.id}`;
    let reply = this.answers.get(key);
    if (!reply) {
      reply = Object.freeze(this.buildAnswer(entry, language));
      this.answers.set(key, reply);
    }
    return reply;
  }

  private buildAnswer(entry: Entry, language: Language): Reply {
    const text = this.knowledgeText(`${entry.id}.answer`, language);
    const buttons = entry.actions.map((action, i): ReplyButton => {
      const title = this.knowledgeText(`${entry.id}.actions.${i}`, language);
      const target = String(resolvePath(this.facts[language], action.target));
      const value = action.type === "call" ? internationalPhone(target) : target;
      return { kind: action.type, title, value };
    });
    return { text, buttons, suggestions: [] };
  }

  /** Asks which of two entries was meant, offering both as suggested replies. */
  clarify(first: Entry, second: Entry, language: Language): Reply {
    const [a, b] = [this.label(first, language), this.label(second, language)];
    return {
      text: this.t(language, "clarify", { first: a, second: b }),
      buttons: [],
      suggestions: [{ purpose: "clarify", items: [a, b].map((title) => ({ title, text: title })) }],
    };
  }

  /** The menu: every entry that has a menu label, in knowledge order. */
  menu(language: Language): SuggestionSet {
    const items = this.knowledge.entries
      .filter((e) => e.menu)
      .map((e) => ({ title: e.menu![language], text: e.menu![language] }));
    return { purpose: "menu", items };
  }

  /** Answer for a message the bot did not understand: the fallback entry, with the menu. */
  fallback(language: Language): Reply {
    const entry = this.knowledge.entries.find((e) => e.topic === "fallback");
    const base = entry ? this.answer(entry, language) : { text: this.t(language, "menuIntro"), buttons: [], suggestions: [] };
    return { ...base, suggestions: [this.menu(language)] };
  }

  /** The welcome: who is answering (an automated assistant), what it can do, the privacy notice. */
  welcome(language: Language, notice?: string): Reply {
    const profile = this.knowledge.profile;
    const privacy = profile.privacyNotice
      ? this.t(language, "privacyLink", { url: profile.privacyNotice })
      : this.t(language, "privacyAsk", this.contactParams(language));
    const text = [
      ...(notice ? [this.noticeLine(notice, language)] : []),
      this.t(language, "welcome", { name: profile.name, emergency: this.emergencyNumber() }),
      privacy,
      this.t(language, "menuIntro"),
    ].join("\n\n");
    return { text, buttons: [], suggestions: [this.menu(language)] };
  }

  /** One line saying this is an automated assistant, for conversations that had no welcome. */
  disclosure(language: Language): string {
    return this.t(language, "disclosure", { name: this.knowledge.profile.name });
  }

  /** Asks a conversation that writes too fast to slow down; emergencies still go to 112. */
  rateLimited(language: Language): string {
    return this.t(language, "rateLimited", { emergency: this.emergencyNumber() });
  }

  /**
   * The safety net: one line that opens a reply when danger was mentioned but did not decide the
   * topic, so that whoever is at risk reads 112 first.
   */
  safetyNet(language: Language): string {
    return this.t(language, "safetyNet", { emergency: this.emergencyNumber() });
  }

  /**
   * A reply opened by the safety net, unless its first line already names the emergency number (the
   * crime answers do): two 112 lines in a row read as noise.
   */
  withSafetyNet(text: string, language: Language): string {
    const firstLine = text.trimStart().split("\n", 1)[0]!;
    if (namesNumber(firstLine, this.emergencyNumber())) return text;
    return `${this.safetyNet(language)}\n\n${text}`;
  }

  /** A calm message for a turn that failed; never a stack trace. */
  turnError(language: Language): string {
    return this.t(language, "turnError", { emergency: this.emergencyNumber() });
  }

  /** Whether staff are on the channels now and, if not, when they are next. */
  officeStatus(status: OfficeStatus, now: Date, language: Language): string {
    // OfficeHours hands out the same status object for a whole minute: its sentence is built once.
    const known = this.statusLines.get(status)?.[language];
    if (known !== undefined) return known;
    const line = this.buildOfficeStatus(status, now, language);
    this.statusLines.set(status, { ...this.statusLines.get(status), [language]: line });
    return line;
  }

  private buildOfficeStatus(status: OfficeStatus, now: Date, language: Language): string {
    if (status.open) return this.t(language, "hoursOpenNow", { closes: status.closesAt.toFormat("H:mm") });
    if (!status.nextOpening) return this.t(language, "hoursClosedUnknown");
    const next = status.nextOpening.setLocale(language === "it" ? "it-IT" : "en-GB");
    const today = DateTime.fromJSDate(now, { zone: next.zone }).startOf("day");
    const days = Math.round(next.startOf("day").diff(today, "days").days);
    return this.t(language, "hoursClosedNow", { when: this.when(next, days, language) });
  }

  /** The one fact a follow-up asks for ("e il numero?"), with its button. */
  followUp(kind: "phone" | "email" | "address" | "website", value: string | undefined, language: Language): Reply {
    if (!value) return { text: this.t(language, "followUp.none", this.contactParams(language)), buttons: [], suggestions: [] };
    const buttons: ReplyButton[] =
      kind === "phone"
        ? [{ kind: "call", title: `${this.t(language, "buttonPrefix.call")} ${value}`.slice(0, 20), value: internationalPhone(value) }]
        : kind === "email"
          ? [{ kind: "email", title: this.t(language, "buttonPrefix.email"), value }]
          : kind === "website"
            ? [{ kind: "url", title: this.t(language, "buttonPrefix.url"), value }]
            : [];
    return { text: this.t(language, `followUp.${kind}`, { value }), buttons, suggestions: [] };
  }

  /**
   * The entry's own reply to a short follow-up ("e il numero?"), with the entry's buttons, when its
   * knowledge has one: after a crime the number to give is not only 112.
   */
  entryFollowUp(entry: Entry, language: Language): Reply | undefined {
    if (!entry.followUp) return undefined;
    return { text: this.knowledgeText(`${entry.id}.followUp`, language), buttons: this.answer(entry, language).buttons, suggestions: [] };
  }

  /** The line that opens an entry's answer when the citizen only tapped its menu button. */
  menuOpening(entry: Entry, language: Language): string | undefined {
    return entry.menuOpening && this.knowledgeText(`${entry.id}.menuOpening`, language);
  }

  /** The comune's contact office and every way to reach it, for "what's your phone number?". */
  contactOffice(language: Language): Reply {
    const profile = this.knowledge.profile;
    const office = profile.offices[profile.contactOffice]!;
    const ways = (["freephone", "phone", "email", "address"] as const)
      .filter((way) => office[way])
      .map((way) => this.t(language, `contactWays.${way}`, { value: office[way] }));
    const phone = office.phone ?? office.freephone;
    const buttons: ReplyButton[] = [
      ...(phone ? [{ kind: "call" as const, title: `${this.t(language, "buttonPrefix.call")} ${phone}`.slice(0, 20), value: internationalPhone(phone) }] : []),
      ...(office.email ? [{ kind: "email" as const, title: this.t(language, "buttonPrefix.email"), value: office.email }] : []),
    ];
    const text = this.t(language, "contactOffice", { name: profile.name, office: office.name[language], ways: ways.join(", ") });
    return { text, buttons, suggestions: [] };
  }

  /**
   * A line saying whether an account the citizen named is one of the comune's official ones. The
   * name is the citizen's text: it is escaped, so that the reply's markdown never renders it as markup.
   */
  officialCheck(named: string, match: { managedBy: string } | undefined, language: Language): string {
    const profile = this.knowledge.profile;
    const account = escapeMarkdown(named);
    if (Object.keys(profile.accounts).length === 0) return this.t(language, "official.unknown", { account, name: profile.name, ...this.contactParams(language) });
    if (match) return this.t(language, "official.yes", { account, name: profile.name, managedBy: match.managedBy });
    return this.t(language, "official.no", { account, name: profile.name });
  }

  /** A temporary notice from the profile (offices closed, an alert in force). */
  noticeLine(notice: string, language: Language): string {
    return this.t(language, "notice", { text: notice });
  }

  /** "Did this help?" as two suggested replies. */
  feedbackChoices(language: Language): SuggestionSet {
    const items = ["yes", "no"].map((k) => this.t(language, `feedback.${k}`)).map((title) => ({ title, text: title }));
    return { purpose: "feedback", items };
  }

  /** Which feedback a reply is, if it is one of the two feedback choices (in either language). */
  feedbackOf(text: string): boolean | undefined {
    return this.feedbackReplies().get(text.trim());
  }

  /** The two feedback choices in every language, and what each says: asked of every message, so listed once. */
  private feedbackReplies(): ReadonlyMap<string, boolean> {
    if (!this.feedbackWords) {
      const replies = new Map<string, boolean>();
      for (const language of LANGUAGES) {
        for (const [key, helpful] of [["feedback.yes", true], ["feedback.no", false]] as const) {
          const reply = this.t(language, key);
          if (!replies.has(reply)) replies.set(reply, helpful);
        }
      }
      this.feedbackWords = replies;
    }
    return this.feedbackWords;
  }

  personalDataReminder(language: Language): string {
    return this.t(language, "personalDataReminder", this.contactParams(language));
  }

  /** The comune's main contact office and how to reach it, for lines that send citizens there. */
  contactParams(language: Language): { office: string; contact: string } {
    const office = this.knowledge.profile.offices[this.knowledge.profile.contactOffice]!;
    return { office: office.name[language], contact: [office.email, office.phone ?? office.freephone].filter(Boolean).join(", ") };
  }

  label(entry: Entry, language: Language): string {
    return entry.menu?.[language] ?? this.t(language, `topics.${entry.topic}`);
  }

  t(language: Language, key: string, options: Record<string, unknown> = {}): string {
    // The same few strings are asked for on every turn; interpolating them again is wasted work.
    const cacheKey = `${language}\u0000${key}\u0000${JSON.stringify(options)}`;
    let text = this.strings.get(cacheKey);
    if (text === undefined) {
      text = String(this.i18n.t(key, { lng: language, ns: "bot", ...options }));
      if (this.strings.size >= STRING_CACHE_LIMIT) this.strings.clear();
      this.strings.set(cacheKey, text);
    }
    return text;
  }

  private when(next: DateTime, days: number, language: Language): string {
    const time = next.toFormat("H:mm");
    if (days <= 0) return this.t(language, "when.today", { time });
    if (days === 1) return this.t(language, "when.tomorrow", { time });
    return this.t(language, "when.day", { time, weekday: next.toFormat("cccc"), date: next.toFormat("d LLLL") });
  }

  private emergencyNumber(): string {
    return this.knowledge.national.emergency?.number ?? "";
  }

  private knowledgeText(key: string, language: Language): string {
    return String(this.i18n.t(key, { lng: language, ns: this.namespace, replace: this.facts[language] }));
  }
}

/** Whether a line names a number as a whole: "112", not the middle of "01123". */
function namesNumber(line: string, number: string): boolean {
  for (let at = line.indexOf(number); at !== -1; at = line.indexOf(number, at + 1)) {
    const before = line[at - 1];
    const after = line[at + number.length];
    if (!(before && /\d/.test(before)) && !(after && /\d/.test(after))) return true;
  }
  return false;
}
