import { spawn, type ChildProcess } from "node:child_process";
import { mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { launchChromium } from "./chromium.js";
import { freePort } from "../support/freePort.js";

const ROOT = resolve(import.meta.dirname, "../..");
const AXE = readFileSync(join(ROOT, "node_modules/axe-core/axe.min.js"), "utf8");
const WAIT = { timeout: 20_000 };
const ARTIFACTS = join(ROOT, "test-artifacts");

let bot: ChildProcess;
let botLog = "";
let base: string;
let browser: Browser;

/** `src/index.ts` as `npm start` runs it, serving two comuni, open and with their local Direct Lines. */
async function startBot(): Promise<void> {
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  const { COMUNE: _comune, ...inherited } = process.env;
  bot = spawn(process.execPath, ["--import", "tsx", "src/index.ts"], {
    cwd: ROOT,
    env: {
      ...inherited,
      PORT: String(port),
      COMUNI: "cento,mezzago",
      LOG_LEVEL: "warn",
      NODE_ENV: "development",
      INTERACTION_LOG_DIR: join(ROOT, "test-artifacts/interactions-comuni-browser"),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  bot.stderr?.on("data", (chunk: Buffer) => (botLog += chunk.toString()));
  for (let attempt = 0; attempt < 300; attempt += 1) {
    if (bot.exitCode !== null) throw new Error(`the bot stopped while starting:\n${botLog}`);
    if (await fetch(`${base}/healthz`).then((r) => r.ok, () => false)) return;
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

async function seriousViolations(page: Page): Promise<string[]> {
  await page.evaluate(AXE);
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: Array<{ id: string; impact: string | null; nodes: Array<{ target: string[] }> }> }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"] } });
    return result.violations.map((v) => ({ id: v.id, impact: v.impact, targets: v.nodes.map((n) => n.target.join(" ")) }));
  });
  return violations.filter((v) => v.impact === "serious" || v.impact === "critical").map((v) => `${v.id} (${v.impact}): ${v.targets.join(", ")}`);
}

describe("several comuni in one `npm start`, in headless Chromium", () => {
  it(
    "lists the comuni at /, and a comune's link opens its own chat, which answers with its own facts",
    async () => {
      const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
      const errors: string[] = [];
      page.on("console", (message) => {
        if (message.type() === "error") errors.push(message.text());
      });
      page.on("pageerror", (error) => errors.push(error.message));

      await page.goto(`${base}/`);
      expect(await page.getAttribute("html", "lang")).toBe("it");
      expect(await seriousViolations(page)).toEqual([]);
      const links = page.getByRole("navigation", { name: "Comuni" }).getByRole("link");
      expect(await links.allTextContents()).toEqual(["Comune di Cento", "Comune di Mezzago"]);
      mkdirSync(ARTIFACTS, { recursive: true });
      await page.screenshot({ path: join(ARTIFACTS, "comuni-index.png") });

      // Keyboard only: Tab reaches the comune's link, Enter opens its page.
      let reached = false;
      for (let i = 0; i < 10 && !reached; i += 1) {
        await page.keyboard.press("Tab");
        reached = await page.evaluate(() => document.activeElement?.textContent === "Comune di Mezzago");
      }
      expect(reached).toBe(true);
      await Promise.all([page.waitForURL(/\/mezzago\/\?lang=it$/, WAIT), page.keyboard.press("Enter")]);

      const transcript = page.locator("article.webchat__basic-transcript__activity");
      await transcript.first().waitFor(WAIT);
      await page.locator("[data-id='webchat-sendbox-input']").fill("qual è il numero di telefono del comune?");
      await page.keyboard.press("Enter");
      await page.locator("article.webchat__basic-transcript__activity", { hasText: "039 606761" }).first().waitFor(WAIT);
      expect(await page.locator("article.webchat__basic-transcript__activity", { hasText: "800 375 515" }).count()).toBe(0);
      expect(errors).toEqual([]);
      await page.close();
    },
    90_000,
  );
});
