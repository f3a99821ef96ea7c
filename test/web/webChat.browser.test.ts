import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { realBundle } from "../support/realKnowledge.js";
import { launchChromium } from "./chromium.js";
import { freePort } from "../support/freePort.js";

const ROOT = resolve(import.meta.dirname, "../..");
const ARTIFACTS = join(ROOT, "test-artifacts");
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const WAIT = { timeout: 20_000 };

const cento = realBundle("cento");
/** The welcome's first paragraph as Web Chat shows it: its markdown renderer curls apostrophes (l'assistente → l’assistente). */
const welcomeOpening = (language: "it" | "en") =>
  new RegExp(cento.composer.welcome(language).text.split("\n\n")[0]!.replace(/[.*+?^${}()|[\]\\]/g, "\\$&").replace(/'/g, "['’]"));
const QUESTION = "posso mandarvi qui la domanda per il bonus?";
const application = cento.knowledge.entries.find((e) => e.id === "application")!;

let bot: ChildProcess;
let botLog = "";
let base: string;
let browser: Browser;

/** Starts `src/index.ts` exactly as `npm start` does, with no credentials and no Direct Line secret. */
async function startBot(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  bot = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: {
      ...process.env,
      PORT: String(port),
      COMUNE: "cento",
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      MicrosoftAppId: "",
      MicrosoftAppPassword: "",
      DIRECT_LINE_SECRET: "",
      ALLOWED_ORIGINS: "",
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  bot.stderr?.on("data", (chunk: Buffer) => (botLog += chunk.toString()));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (bot.exitCode !== null) throw new Error(`the bot stopped while starting:\n${botLog}`);
    const healthy = await fetch(`${base}/healthz`).then((r) => r.ok, () => false);
    if (healthy) return;
    await sleep(100);
  }
  throw new Error(`the bot did not start on ${base}:\n${botLog}`);
}

beforeAll(async () => {
  browser = await launchChromium();
  await startBot();
}, 60_000);

afterAll(async () => {
  await browser?.close();
  bot?.kill();
});

/** A new page that records every console error and uncaught exception (a CSP violation is one). */
async function openPage(): Promise<{ page: Page; errors: string[] }> {
  const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  return { page, errors };
}

const activities = (page: Page, hasText?: string | RegExp) =>
  page.locator("article.webchat__basic-transcript__activity", hasText === undefined ? {} : { hasText });

const focused = (page: Page) =>
  page.evaluate(() => {
    const element = document.activeElement;
    return { tag: element?.tagName ?? "", text: element?.textContent?.trim() ?? "", sendBox: element?.matches("[data-id='webchat-sendbox-input']") ?? false };
  });

/** Presses Tab until `done` holds for the focused element; fails after `limit` presses. */
async function tabUntil(page: Page, done: (f: Awaited<ReturnType<typeof focused>>) => boolean, limit = 20): Promise<string[]> {
  const stops: string[] = [];
  for (let i = 0; i < limit; i += 1) {
    await page.keyboard.press("Tab");
    const now = await focused(page);
    stops.push(`${now.tag} ${now.text.slice(0, 30)}`);
    if (done(now)) return stops;
  }
  throw new Error(`Tab never reached the expected element; focus went through: ${stops.join(" | ")}`);
}

/** axe-core on the whole page; returns the serious and critical violations. */
async function seriousViolations(page: Page): Promise<string[]> {
  // page.addScriptTag would add an inline script, which the page's CSP rightly blocks; evaluating
  // the same file through the DevTools protocol is not subject to it.
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}

describe("the website chat in headless Chromium, served by `npm start`", () => {
  it(
    "welcomes once in Italian, works from the keyboard alone, answers with buttons, and passes axe",
    async () => {
      const { page, errors } = await openPage();
      await page.goto(`${base}/`);
      expect(await page.getAttribute("html", "lang")).toBe("it");
      await activities(page, welcomeOpening("it")).waitFor(WAIT);

      // Keyboard only: the first stop is the language switch, with a visible focus ring.
      await page.keyboard.press("Tab");
      expect((await focused(page)).text).toContain("English");
      expect(await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle)).toBe("solid");

      // A suggested reply is reachable with Tab and sent with Enter.
      const firstSuggestion = (await page.locator(".webchat__suggested-action").first().textContent())?.trim() ?? "";
      expect(firstSuggestion).not.toBe("");
      await tabUntil(page, (f) => f.tag === "BUTTON" && f.text === firstSuggestion);
      const before = await activities(page).count();
      await page.keyboard.press("Enter");
      await activities(page).nth(before + 1).waitFor(WAIT);

      // The text box is reachable with Tab, shows focus, and Enter sends what was typed.
      await tabUntil(page, (f) => f.sendBox);
      expect(await page.evaluate(() => getComputedStyle(document.querySelector(".webchat__send-box")!).outlineStyle)).toBe("solid");
      await page.keyboard.type(QUESTION);
      await page.keyboard.press("Enter");
      // The welcome gives the URP's address too (for privacy questions): the answer is the second.
      await activities(page, cento.knowledge.profile.offices.urp!.email!).nth(1).waitFor(WAIT);
      for (const action of application.actions) {
        // The welcome may offer the same button (the contact office): the answer's is the last one.
        await activities(page).getByRole("button", { name: action.title.it, exact: true }).last().waitFor(WAIT);
      }

      // By now any second welcome would have arrived: there is exactly one.
      expect(await activities(page, welcomeOpening("it")).count()).toBe(1);

      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "webchat.png") });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    90_000,
  );

  it(
    "switches to English from the keyboard and starts a new conversation with the English welcome",
    async () => {
      const { page, errors } = await openPage();
      await page.goto(`${base}/`);
      await activities(page, welcomeOpening("it")).waitFor(WAIT);
      await page.keyboard.press("Tab");
      await Promise.all([page.waitForURL(/\?lang=en$/, WAIT), page.keyboard.press("Enter")]);
      expect(await page.getAttribute("html", "lang")).toBe("en");
      await activities(page, welcomeOpening("en")).waitFor(WAIT);
      expect(await activities(page, welcomeOpening("it")).count()).toBe(0);
      expect(await page.getByRole("navigation").getByRole("link").textContent()).toContain("Italiano");

      await tabUntil(page, (f) => f.sendBox);
      await page.keyboard.type("can I send my application here?");
      await page.keyboard.press("Enter");
      for (const action of application.actions) {
        await activities(page).getByRole("button", { name: action.title.en, exact: true }).waitFor(WAIT);
      }
      expect(await activities(page, welcomeOpening("en")).count()).toBe(1);

      await page.screenshot({ path: join(ARTIFACTS, "webchat-en.png") });
      expect(await seriousViolations(page)).toEqual([]);
      expect(errors).toEqual([]);
      await page.close();
    },
    90_000,
  );
});
