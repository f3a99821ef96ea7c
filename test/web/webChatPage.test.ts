import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import { request } from "node:http";
import { join } from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadKnowledge } from "../../src/knowledge/loadKnowledge.js";
import { contrastRatio, DEFAULT_THEME, MIN_CONTRAST, pageTheme } from "../../src/web/pageTheme.js";
import { WEB_CHAT_BUNDLE, WEB_CHAT_BUNDLE_DIR } from "../../src/hosts/http/web/staticAssets.js";
import { fillTemplate, LOCAL_POLLING_INTERVAL_MS, pageLanguage } from "../../src/web/webChatPage.js";
import { COMUNI, KNOWLEDGE_DIR, LOCALES_DIR } from "../support/realKnowledge.js";
import { startWebServer, type WebServer } from "./webServer.js";

const strings = (language: "it" | "en") => JSON.parse(readFileSync(join(LOCALES_DIR, language, "web.json"), "utf8")) as Record<string, unknown>;
const keys = (object: Record<string, unknown>, prefix = ""): string[] =>
  Object.entries(object).flatMap(([key, value]) =>
    typeof value === "object" && value !== null ? keys(value as Record<string, unknown>, `${prefix}${key}.`) : [`${prefix}${key}`],
  );

/** A GET whose body comes back exactly as sent, compressed or not. */
function rawGet(url: string, headers: Record<string, string>): Promise<{ headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    request(url, { headers }, (response) => {
      const chunks: Buffer[] = [];
      response.on("data", (chunk: Buffer) => chunks.push(chunk));
      response.on("end", () => resolve({ headers: response.headers, body: Buffer.concat(chunks) }));
      response.on("error", reject);
    })
      .on("error", reject)
      .end();
  });
}

describe("the comune's colours", () => {
  it.each(COMUNI)("%s has a theme that white text can be read on (WCAG AA)", (comune) => {
    const { theme } = loadKnowledge(KNOWLEDGE_DIR, comune).profile;
    expect(theme).toBeDefined();
    const resolved = pageTheme(theme);
    expect(resolved.problems).toEqual([]);
    expect(contrastRatio(resolved.theme.primary, "#ffffff")).toBeGreaterThanOrEqual(MIN_CONTRAST);
    expect(contrastRatio(resolved.theme.accent, "#ffffff")).toBeGreaterThanOrEqual(MIN_CONTRAST);
  });

  it("replaces a colour white text cannot be read on, and says why", () => {
    const resolved = pageTheme({ primary: "#ffd700" });
    expect(resolved.theme).toEqual(DEFAULT_THEME);
    expect(resolved.problems).toEqual([expect.stringMatching(/^theme\.primary #ffd700 has contrast 1\.\d\d:1 with white/)]);
  });

  it("measures contrast as WCAG does", () => {
    expect(contrastRatio("#000000", "#ffffff")).toBeCloseTo(21, 5);
    expect(contrastRatio("#777777", "#ffffff")).toBeCloseTo(4.48, 2);
  });
});

describe("the page's strings", () => {
  it("have the same keys in Italian and English", () => {
    expect(keys(strings("en")).sort()).toEqual(keys(strings("it")).sort());
  });

  it("take the language from ?lang=, Italian otherwise", () => {
    expect([pageLanguage("en"), pageLanguage("it"), pageLanguage(null), pageLanguage("fr")]).toEqual(["en", "it", "it", "it"]);
  });

  it("are escaped when they fill the template, and a missing one is an error", () => {
    expect(fillTemplate("<p>{{a}}</p>{{{b}}}", { a: `<b>"x" & 'y'</b>` }, { b: "<i>{{a}}</i>" })).toBe(
      "<p>&#60;b&#62;&#34;x&#34; &#38; &#39;y&#39;&#60;/b&#62;</p><i>{{a}}</i>",
    );
    expect(() => fillTemplate("{{missing}}", {})).toThrow("{{missing}}");
  });
});

describe("the page served at /", () => {
  let cento: WebServer;
  let mezzago: WebServer;
  beforeAll(async () => {
    [cento, mezzago] = await Promise.all([startWebServer({ comune: "cento" }), startWebServer({ comune: "mezzago" })]);
  });
  afterAll(() => Promise.all([cento.close(), mezzago.close()]));

  it("is Italian by default, with the comune's name and colours and a link to English", async () => {
    const response = await fetch(`${cento.base}/`);
    expect(response.headers.get("content-type")).toBe("text/html; charset=utf-8");
    const html = await response.text();
    expect(html).toContain('<html lang="it">');
    expect(html).toContain("<title>Assistente virtuale del Comune di Cento</title>");
    expect(html).toContain("--primary: #1f4e79; --accent: #0f5c8c;");
    expect(html).toContain('href="?lang=en" hreflang="en"><span lang="en">English</span>');
    expect(html).toContain('"locale":"it-IT"');
    // The bot's own Direct Line is polled four times a second, not Web Chat's default once a second.
    expect(html).toContain(`"pollingInterval":${LOCAL_POLLING_INTERVAL_MS}`);
  });

  it("is English with ?lang=en, with the strings of locales/en/web.json", async () => {
    const html = await (await fetch(`${mezzago.base}/?lang=en`)).text();
    expect(html).toContain('<html lang="en">');
    expect(html).toContain(String(strings("en").intro).replace(/'/g, "&#39;"));
    expect(html).toContain("--primary: #1e5631; --accent: #1e5631;");
    expect(html).toContain('"locale":"en-US"');
  });

  it("loads Web Chat from the bot's own server, never from a CDN, at a URL that names its content", async () => {
    const html = await (await fetch(`${cento.base}/`)).text();
    const scripts = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(scripts).toEqual([cento.channel.assets.webChatPath, "/webchat/page.js"]);
    expect(cento.channel.assets.webChatPath).toMatch(/^\/webchat\/webchat\.[A-Za-z0-9_-]{22}\.js$/);
    const bundle = await fetch(`${cento.base}${cento.channel.assets.webChatPath}`, { headers: { "accept-encoding": "identity" } });
    expect(bundle.status).toBe(200);
    expect(bundle.headers.get("content-type")).toContain("javascript");
    const body = Buffer.from(await bundle.arrayBuffer());
    expect(body.equals(readFileSync(join(WEB_CHAT_BUNDLE_DIR, WEB_CHAT_BUNDLE.script)))).toBe(true);
    expect(cento.channel.assets.webChatPath).toContain(createHash("sha256").update(body).digest("base64url").slice(0, 22));
    expect((await fetch(`${cento.base}/webchat/webchat.js`)).status).toBe(404);
  });

  it.each([
    ["br, gzip, deflate", "br"],
    ["gzip, deflate", "gzip"],
    ["gzip;q=1, br;q=0", "gzip"],
    ["*", "br"],
    ["identity", null],
  ])("sends Web Chat precompressed, cached for a year: Accept-Encoding %j gets %s", async (accept, encoding) => {
    // Node's fetch would decode the body itself: a raw request shows the bytes as sent.
    const { headers, body } = await rawGet(`${cento.base}${cento.channel.assets.webChatPath}`, { "accept-encoding": accept });
    expect(headers["cache-control"]).toBe("public, max-age=31536000, immutable");
    expect(headers.vary).toBe("Accept-Encoding");
    expect(headers["content-encoding"]).toBe(encoding ?? undefined);
    const plain = readFileSync(join(WEB_CHAT_BUNDLE_DIR, WEB_CHAT_BUNDLE.script));
    const decoded = encoding === "br" ? brotliDecompressSync(body) : encoding === "gzip" ? gunzipSync(body) : body;
    expect(decoded.equals(plain)).toBe(true);
  });

  it("serves Web Chat's licence notice where the bundle's first line points", async () => {
    const response = await fetch(`${cento.base}/webchat/${WEB_CHAT_BUNDLE.licence}`);
    expect(response.status).toBe(200);
    expect(await response.text()).toContain("MIT");
  });

  it.each([
    [
      "cento",
      [
        ["https://www.comune.cento.fe.it", "Sito del Comune di Cento"],
        ["mailto:urp@comune.cento.fe.it", "urp@comune.cento.fe.it"],
        ["tel:+39800375515", "numero verde 800 375 515"],
      ],
    ],
    [
      "mezzago",
      [
        ["mailto:segreteria@comune.mezzago.mb.it", "segreteria@comune.mezzago.mb.it"],
        ["tel:+39039606761", "tel. 039 606761"],
      ],
    ],
  ] as const)("%s's footer links only what its profile gives: website, contact office, no privacy page", async (comune, expected) => {
    const html = await (await fetch(`${(comune === "cento" ? cento : mezzago).base}/`)).text();
    const footer = /<footer class="site-footer">(.*?)<\/footer>/s.exec(html)?.[1] ?? "";
    const links = [...footer.matchAll(/<a href="([^"]+)"[^>]*>([^<]+)<\/a>/g)].map((m) => [m[1], m[2]]);
    expect(links).toEqual(expected);
  });

  it("revalidates its files by ETag", async () => {
    const first = await fetch(`${cento.base}/webchat/page.css`);
    const etag = first.headers.get("etag") ?? "";
    expect(etag).not.toBe("");
    expect((await fetch(`${cento.base}/webchat/page.css`, { headers: { "if-none-match": etag } })).status).toBe(304);
  });

  it("serves no other file", async () => {
    expect((await fetch(`${cento.base}/webchat/../package.json`)).status).toBe(404);
    expect((await fetch(`${cento.base}/webchat/index.html`)).status).toBe(404);
  });

  it("forbids inline scripts and framing by other sites", async () => {
    const csp = (await fetch(`${cento.base}/`)).headers.get("content-security-policy") ?? "";
    expect(csp).toContain("script-src 'self';");
    expect(csp).toContain("frame-ancestors 'self';");
  });
});
