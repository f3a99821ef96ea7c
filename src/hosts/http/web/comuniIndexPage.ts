import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { i18n } from "i18next";
import type { Request, Response, Server } from "restify";
import type { KnowledgeSource } from "../../../conversation/knowledgeBundle.js";
import { translator } from "../../../i18n.js";
import { LANGUAGES, type Language } from "../../../text/stemWord.js";
import { DEFAULT_THEME } from "../../../web/pageTheme.js";
import { WEB_DIR } from "./staticAssets.js";
import { escapeHtml, fillTemplate, pageLanguage, type RenderedPage } from "../../../web/webChatPage.js";

/** A comune listed on the index page: its id (its page is `/<id>/`) and its knowledge, for its name. */
export interface ListedComune {
  readonly id: string;
  readonly knowledge: KnowledgeSource;
}

/**
 * The page at `/` of a deployment serving several comuni: a list of links to each comune's chat page,
 * named as its profile names it, with the interface strings of locales/<language>/web.json.
 */
export class ComuniIndexPage {
  private readonly template: string;
  /** the page's colours: the default theme, since the page belongs to no one comune */
  private readonly themeStyle = `:root { --primary: ${DEFAULT_THEME.primary}; --accent: ${DEFAULT_THEME.accent}; }`;

  constructor(
    private readonly comuni: readonly ListedComune[],
    private readonly i18n: i18n,
    webDir: string = WEB_DIR,
  ) {
    this.template = readFileSync(join(webDir, "comuni.html"), "utf8");
  }

  /** The list in one language; the comuni keep the order of COMUNI. */
  render(language: Language): RenderedPage {
    const t = translator(this.i18n, language, "web");
    const other = LANGUAGES.find((l) => l !== language) ?? "it";
    const items = this.comuni.map(({ id, knowledge }) => {
      const name = knowledge.current().knowledge.profile.name;
      return `<li><a href="/${encodeURIComponent(id)}/?lang=${language}">${escapeHtml(name)}</a></li>`;
    });
    const html = fillTemplate(
      this.template,
      {
        lang: language,
        title: t("comuni.title"),
        heading: t("comuni.heading"),
        intro: t("comuni.intro"),
        listLabel: t("comuni.listLabel"),
        languageNav: t("languageNav"),
        currentLanguage: t(`languages.${language}`),
        otherLanguage: other,
        otherLanguageName: t(`languages.${other}`),
      },
      { comuni: items.join("\n        "), themeStyle: this.themeStyle },
    );
    return {
      html,
      headers: {
        "Content-Type": "text/html; charset=utf-8",
        // No script at all on this page, and only its own one inline style, by hash.
        "Content-Security-Policy": `default-src 'self'; script-src 'none'; style-src 'self' 'sha256-${createHash("sha256").update(this.themeStyle).digest("base64")}'; img-src 'self' data:; frame-ancestors 'self'; base-uri 'none'; form-action 'none'; object-src 'none'`,
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "strict-origin-when-cross-origin",
        "Cache-Control": "no-cache",
      },
    };
  }
}

/** Serves the index page at `/` (?lang=en for English). */
export function registerComuniIndexPage(server: Server, page: ComuniIndexPage): void {
  server.get("/", async (req: Request, res: Response) => {
    const { html, headers } = page.render(pageLanguage(new URL(req.url ?? "/", "http://local").searchParams.get("lang")));
    res.writeHead(200, headers);
    res.end(html);
  });
}
