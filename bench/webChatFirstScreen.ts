/**
 * The website chat's first screen in Chromium: milliseconds from opening the page to the bot's welcome
 * being visible, with the bot's own Direct Line (local mode, as `npm start` serves it) and an empty
 * browser cache on every run. Appends its section to bench/results.md (bench/run.ts).
 */
import { existsSync, statSync } from "node:fs";
import { join } from "node:path";
import { chromium, type Browser } from "playwright-core";
import { ensureWebChatBundle } from "../scripts/webChatBundle.js";
import { WEB_CHAT_BUNDLE, WEB_CHAT_BUNDLE_DIR } from "../src/hosts/http/web/staticAssets.js";
import { median } from "./percentiles.js";
import { startServerProcess } from "./serverProcess.js";

/** The target for the first screen. */
export const FIRST_SCREEN_TARGET_MS = 1_500;
const RUNS = 5;
/** Debian's chromium, as the browser test uses it (browser downloads do not work here). */
const CHROMIUM = "/usr/bin/chromium";
const WELCOME = ".webchat__basic-transcript__activity";
const GIVE_UP_MS = 30_000;

export interface FirstScreen {
  readonly runsMs: readonly number[];
  readonly medianMs: number;
  readonly bundleBytes: Readonly<Record<"plain" | "gzip" | "brotli", number>>;
}

/** Starts the bot (compiled, as in production) and opens its page `runs` times in fresh browser contexts. */
export async function measureFirstScreen(runs = RUNS): Promise<FirstScreen> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium is not installed at ${CHROMIUM}: apt-get install -y chromium`);
  ensureWebChatBundle();
  const server = await startServerProcess("bench/botServer.ts", { env: { NODE_ENV: "development", DIRECT_LINE_SECRET: "" } });
  let browser: Browser | undefined;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking"] });
    const runsMs: number[] = [];
    for (let run = 0; run < runs; run++) {
      // A new context has its own empty cache: every run downloads the page, Web Chat and the welcome.
      const context = await browser.newContext({ viewport: { width: 1000, height: 900 } });
      const page = await context.newPage();
      // Polls at every frame from the first script on, so the time is when the welcome could first be seen.
      // A string, not a function: tsx's transform would add helpers the page does not have.
      await page.addInitScript(
        `(function watch() {
          const welcome = document.querySelector(${JSON.stringify(WELCOME)});
          if (welcome && welcome.getBoundingClientRect().height > 0) window.welcomeAt = performance.now();
          else requestAnimationFrame(watch);
        })();`,
      );
      await page.goto(`${server.url}/`);
      await page.waitForFunction(() => (window as unknown as { welcomeAt?: number }).welcomeAt !== undefined, undefined, { timeout: GIVE_UP_MS });
      // performance.now() counts from the start of the navigation: the moment the page was opened.
      runsMs.push(await page.evaluate(() => (window as unknown as { welcomeAt: number }).welcomeAt));
      await context.close();
    }
    return { runsMs, medianMs: median(runsMs), bundleBytes: bundleSizes() };
  } finally {
    await browser?.close();
    await server.stop();
  }
}

function bundleSizes(): FirstScreen["bundleBytes"] {
  const size = (name: string) => statSync(join(WEB_CHAT_BUNDLE_DIR, name)).size;
  return { plain: size(WEB_CHAT_BUNDLE.script), gzip: size(WEB_CHAT_BUNDLE.gzip), brotli: size(WEB_CHAT_BUNDLE.brotli) };
}

/** The section of bench/results.md for the first screen. */
export function formatFirstScreen(figure: FirstScreen): string {
  const kb = (bytes: number) => `${Math.round(bytes / 1024).toLocaleString("en-US")} KB`;
  const ok = figure.medianMs <= FIRST_SCREEN_TARGET_MS ? "✅" : "❌";
  return [
    "## Website chat: first screen",
    "",
    `From opening \`/\` to the welcome being visible, in headless Chromium (Debian's), ${figure.runsMs.length} runs each in a new ` +
      "browser context (empty cache), against the compiled bot in local mode (its own Direct Line, as `npm start` serves the page). " +
      "Timed in the page: `performance.now()` (which counts from the start of the navigation) at the first animation frame where " +
      `Web Chat's first activity has a size. Web Chat's bundle is sent precompressed: ${kb(figure.bundleBytes.plain)} as it is, ` +
      `${kb(figure.bundleBytes.gzip)} gzip, ${kb(figure.bundleBytes.brotli)} brotli (what Chromium gets).`,
    "",
    "| runs (ms) | median (ms) | target | |",
    "|---|---|---|---|",
    `| ${figure.runsMs.map((ms) => Math.round(ms).toLocaleString("en-US")).join(", ")} | ${Math.round(figure.medianMs).toLocaleString("en-US")} | ≤ ${FIRST_SCREEN_TARGET_MS.toLocaleString("en-US")} ms | ${ok} |`,
    "",
  ].join("\n");
}

/** Measures and formats, for the one line in bench/run.ts. */
export async function firstScreenSection(): Promise<string> {
  return formatFirstScreen(await measureFirstScreen());
}
