import type { i18n } from "i18next";
import type { KnowledgeSource } from "../conversation/knowledgeBundle.js";
import { internationalPhone } from "../answers/phoneNumber.js";
import { translator, type Translate } from "../i18n.js";
import type { Profile } from "../knowledge/schema.js";
import { LANGUAGES, type Language } from "../text/stemWord.js";
import { pageTheme } from "./pageTheme.js";

/** Web Chat's locale for each page language (Web Chat ships its interface strings per locale). */
export const WEB_CHAT_LOCALES: Readonly<Record<Language, string>> = Object.freeze({ it: "it-IT", en: "en-US" });

/**
 * How often Web Chat asks the bot's own Direct Line for new activities. Its default is one second,
 * which is what a citizen waits for every reply; 250 ms is close to the 200 ms floor of Direct Line's
 * client and costs one small GET per open page four times a second, on localhost only.
 */
export const LOCAL_POLLING_INTERVAL_MS = 250;

/** How the page reaches the bot: the bot's own Direct Line, the Direct Line service, or not at all. */
export type ChatConnection =
  | { readonly mode: "local" | "service"; readonly tokenUrl: string; readonly domain: string }
  | { readonly mode: "unavailable" };

/** A rendered page and the headers it must be sent with. */
export interface RenderedPage {
  readonly html: string;
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * The chat page at `/`: the comune's name and colours from its profile, interface strings from
 * locales/<language>/web.json, and the settings Web Chat starts with, inlined as JSON.
 */
export class WebChatPage {
  constructor(
    private readonly template: string,
    private readonly knowledge: KnowledgeSource,
    private readonly i18n: i18n,
    private readonly connection: ChatConnection,
    /** origins besides the bot's own that may frame the page */
    private readonly framingOrigins: readonly string[],
    /** the content-hashed path of Web Chat's bundle */
    private readonly webChatPath: string,
  ) {}

  /** The page in one language; the other language is one link away and starts a new conversation. */
  render(language: Language): RenderedPage {
    const profile = this.knowledge.current().knowledge.profile;
    const t = translator(this.i18n, language, "web");
    const { theme } = pageTheme(profile.theme);
    const other = LANGUAGES.find((l) => l !== language) ?? "it";
    const strings = { connectionError: t("connectionError"), unavailable: t("unavailable") };
    const config = {
      ...this.connection,
      webSocket: this.connection.mode === "service",
      ...(this.connection.mode === "local" ? { pollingInterval: LOCAL_POLLING_INTERVAL_MS } : {}),
      locale: WEB_CHAT_LOCALES[language],
      theme,
      strings,
    };
    const footerItems = footerLinks(profile, language, t);
    const html = fillTemplate(
      this.template,
      {
        lang: language,
        title: t("title", { name: profile.name }),
        comune: profile.name,
        heading: t("heading"),
        intro: t("intro"),
        languageNav: t("languageNav"),
        currentLanguage: t(`languages.${language}`),
        otherLanguage: other,
        otherLanguageName: t(`languages.${other}`),
        switchNote: t("switchNote"),
        chatLabel: t("chatLabel"),
        loading: t("loading"),
        noscript: t("noscript"),
        primary: theme.primary,
        accent: theme.accent,
      },
      {
        footer: footerItems.length > 0 ? `<footer class="site-footer"><ul>${footerItems.map((l) => `<li>${l}</li>`).join("")}</ul></footer>` : "",
        webChatScript: `<script src="${escapeHtml(this.webChatPath)}"></script>`,
        config: JSON.stringify(config).replace(/</g, "\\u003c"),
      },
    );
    return { html, headers: this.headers() };
  }

  private headers(): Record<string, string> {
    const connect = ["'self'"];
    if (this.connection.mode === "service") {
      const service = new URL(this.connection.domain);
      connect.push(service.origin, `${service.protocol === "https:" ? "wss:" : "ws:"}//${service.host}`);
    }
    const policy = [
      "default-src 'self'",
      "script-src 'self'",
      // Web Chat writes its styles at run time.
      "style-src 'self' 'unsafe-inline'",
      "img-src 'self' data: blob:",
      "font-src 'self' data:",
      `connect-src ${connect.join(" ")}`,
      `frame-ancestors ${["'self'", ...this.framingOrigins].join(" ")}`,
      "base-uri 'none'",
      "form-action 'none'",
      "object-src 'none'",
    ].join("; ");
    return {
      "Content-Type": "text/html; charset=utf-8",
      "Content-Security-Policy": policy,
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "strict-origin-when-cross-origin",
      "Cache-Control": "no-cache",
    };
  }
}

/** Reads the page language from the query (?lang=en); Italian unless another known language is asked. */
export function pageLanguage(requested: string | null): Language {
  return LANGUAGES.find((l) => l === requested) ?? "it";
}

/**
 * The footer's links, from the profile's facts only: the privacy notice and the website where the
 * profile gives them, and how to reach the contact office (its e-mail and telephone).
 */
function footerLinks(profile: Profile, language: Language, t: Translate): string[] {
  const office = profile.offices[profile.contactOffice];
  const contacts = [
    office?.email ? link(`mailto:${office.email}`, office.email) : "",
    office?.phone ? link(`tel:${internationalPhone(office.phone)}`, t("phone", { number: office.phone })) : "",
    office?.freephone ? link(`tel:${internationalPhone(office.freephone)}`, t("freephone", { number: office.freephone })) : "",
  ].filter(Boolean);
  return [
    profile.privacyNotice ? link(profile.privacyNotice, t("privacy"), true) : "",
    profile.website ? link(profile.website, t("website", { name: profile.name }), true) : "",
    office && contacts.length > 0 ? `${escapeHtml(t("contactOffice", { office: office.name[language] }))} ${contacts.join(", ")}` : "",
  ].filter(Boolean);
}

function link(href: string, text: string, newTab = false): string {
  return `<a href="${escapeHtml(href)}"${newTab ? ' rel="noopener" target="_blank"' : ""}>${escapeHtml(text)}</a>`;
}

/** Fills `{{name}}` with escaped text and `{{{name}}}` with markup built here; a missing value is a bug. */
export function fillTemplate(template: string, text: Record<string, string>, markup: Record<string, string> = {}): string {
  // One pass, so that nothing inserted is read again as a placeholder.
  return template.replace(/\{\{\{(\w+)\}\}\}|\{\{(\w+)\}\}/g, (_, markupKey: string | undefined, textKey: string | undefined) => {
    if (markupKey !== undefined) {
      const value = markup[markupKey];
      if (value === undefined) throw new Error(`web page template: no markup for {{{${markupKey}}}}`);
      return value;
    }
    const value = text[textKey ?? ""];
    if (value === undefined) throw new Error(`web page template: no value for {{${textKey}}}`);
    return escapeHtml(value);
  });
}

/** Text made safe to put in HTML, attributes included. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
