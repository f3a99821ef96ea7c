import type { TurnLogic } from "../../src/hosts/messagingHost.js";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { internationalPhone } from "../../src/answers/phoneNumber.js";
import type { Reply, ReplyButton } from "../../src/answers/reply.js";
import { renderReply } from "../../src/channels/renderReply.js";
import type { KnowledgeBundle } from "../../src/conversation/knowledgeBundle.js";
import type { Language } from "../../src/text/stemWord.js";
import { DEFAULT_CONVERSATION_LIMITS } from "../../src/hosts/http/web/directLineConversations.js";
import { COMUNI, realBundle } from "../support/realKnowledge.js";
import { launchChromium } from "./chromium.js";
import { startWebServer, type WebServer } from "./webServer.js";

const LANGUAGES: readonly Language[] = ["it", "en"];
const WAIT = { timeout: 30_000 };
/** What a button or a link may open: a call, an e-mail, or a web page. */
const TARGET = /^(?:tel:(?:\+39\d{6,11}|112|1522)|mailto:[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[a-z]{2,}|https?:\/\/[^\s"'<>]+)$/;

/** Every answer the bot can give in a language: the welcome, each entry's, and the contact follow-ups. */
function everyReply({ composer, knowledge }: KnowledgeBundle, language: Language): Reply[] {
  const office = knowledge.profile.offices[knowledge.profile.contactOffice]!;
  return [
    composer.welcome(language),
    ...knowledge.entries.map((entry) => composer.answer(entry, language)),
    composer.followUp("phone", office.phone ?? office.freephone, language),
    composer.followUp("email", office.email, language),
    composer.followUp("website", knowledge.profile.website, language),
  ];
}

/** The comune's addresses, national numbers included, each as the target that should open it. */
function factTargets({ knowledge }: KnowledgeBundle): { addresses: Map<string, string>; targets: Set<string> } {
  const { profile, national } = knowledge;
  const addresses = new Map<string, string>();
  for (const office of Object.values(profile.offices)) if (office.email) addresses.set(office.email, `mailto:${office.email}`);
  const urls = [profile.website, profile.privacyNotice, profile.policy?.url, ...Object.values(profile.apps ?? {}).map((a) => a.url), ...Object.values(profile.accounts).map((a) => a.url)];
  for (const url of urls) if (url) addresses.set(url, url);
  const phones = [...Object.values(profile.offices).flatMap((o) => [o.phone, o.freephone]), ...Object.values(national).map((n) => n.number)];
  const targets = new Set([...addresses.values(), ...phones.filter((p): p is string => p !== undefined).map((p) => `tel:${internationalPhone(p)}`)]);
  return { addresses, targets };
}

/** What a person opens from one reply, in reading order: each address in its text, then each button. */
function expectedTargets(reply: Reply, addresses: ReadonlyMap<string, string>): string[] {
  const found: Array<{ at: number; length: number; target: string }> = [];
  for (const [address, target] of addresses) {
    for (let at = reply.text.indexOf(address); at >= 0; at = reply.text.indexOf(address, at + 1)) found.push({ at, length: address.length, target });
  }
  // Where two facts start at the same place, the longer one is the address written there.
  const inText = found
    .sort((a, b) => a.at - b.at || b.length - a.length)
    .filter((f, i, all) => i === 0 || f.at >= all[i - 1]!.at + all[i - 1]!.length)
    .map((f) => f.target);
  const opened = (button: ReplyButton) => (button.kind === "call" ? `tel:${button.value}` : button.kind === "email" ? `mailto:${button.value}` : button.value);
  return [...inText, ...reply.buttons.map(opened)];
}

/**
 * Stands in for the bot on the website: when a conversation starts it shows every answer at once,
 * rendered for the channel as the bot renders them; messages go to the real bot.
 */
function showEveryAnswer(bundle: KnowledgeBundle, real: TurnLogic): TurnLogic {
  return async (activity, send) => {
    if (activity.type !== "conversationUpdate") return real(activity, send);
    const language: Language = activity.locale?.startsWith("en") ? "en" : "it";
    await send(everyReply(bundle, language).flatMap((reply) => renderReply(reply, activity.channelId)));
  };
}

/**
 * Records what the page would open, before any of its scripts runs: window.open (Web Chat's card
 * buttons) and the href of any link clicked (markdown links), whose navigation is cancelled.
 */
const RECORD_TARGETS = `
  window.openedTargets = [];
  window.open = function (url) { window.openedTargets.push(String(url)); return null; };
  document.addEventListener("click", function (event) {
    var link = event.target instanceof Element ? event.target.closest("a[href]") : null;
    if (!link) return;
    event.preventDefault();
    window.openedTargets.push(link.getAttribute("href"));
  }, true);
`;

const BOT_ACTIVITIES = "#webchat article.webchat__basic-transcript__activity";

/** Clicks, in reading order, every link and card button in the transcript; returns what each opened. */
async function clickEverything(page: Page): Promise<{ clicked: number; opened: string[] }> {
  return page.evaluate((selector) => {
    const recorder = window as unknown as { openedTargets: string[] };
    recorder.openedTargets.length = 0;
    const clickable = [...document.querySelectorAll<HTMLElement>(`${selector} a[href], ${selector} button.ac-pushButton`)];
    for (const element of clickable) element.click();
    return { clicked: clickable.length, opened: [...recorder.openedTargets] };
  }, BOT_ACTIVITIES);
}

let browser: Browser;
const servers = new Map<string, WebServer>();

beforeAll(async () => {
  browser = await launchChromium();
  for (const comune of COMUNI) {
    // Every answer in one conversation is more than a citizen's transcript may keep: this page may keep it all.
    const conversationLimits = { ...DEFAULT_CONVERSATION_LIMITS, maxTranscriptBytes: 4 * 1024 * 1024 };
    servers.set(comune, await startWebServer({ comune, conversationLimits, webBot: (real) => showEveryAnswer(realBundle(comune), real) }));
  }
}, 60_000);

afterAll(async () => {
  await browser?.close();
  await Promise.all([...servers.values()].map((s) => s.close()));
});

describe("every button and link the bot shows on the website, clicked in Chromium", () => {
  for (const comune of COMUNI) {
    for (const language of LANGUAGES) {
      it(
        `${comune}, ${language}: opens exactly the call, e-mail or page it names`,
        async () => {
          const bundle = realBundle(comune);
          const replies = everyReply(bundle, language);
          const { addresses, targets } = factTargets(bundle);
          const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
          const errors: string[] = [];
          page.on("pageerror", (error) => errors.push(error.message));
          await page.addInitScript(RECORD_TARGETS);
          await page.goto(`${servers.get(comune)!.base}/?lang=${language}`);
          await page.locator(BOT_ACTIVITIES).nth(replies.length - 1).waitFor(WAIT);
          expect(await page.locator(BOT_ACTIVITIES).count()).toBe(replies.length);

          const { clicked, opened } = await clickEverything(page);
          const expected = replies.flatMap((reply) => expectedTargets(reply, addresses));
          expect(expected.length).toBeGreaterThan(replies.length);
          expect(opened).toEqual(expected);
          expect(clicked).toBe(expected.length);
          for (const target of opened) {
            expect(target).toMatch(TARGET);
            expect(targets.has(target), `${target} is not a fact of ${comune}'s profile or a national number`).toBe(true);
          }
          expect(errors).toEqual([]);
          await page.close();
        },
        90_000,
      );
    }
  }
});

describe("a citizen's markdown and HTML, quoted back by the bot", () => {
  const MESSAGE =
    'la pagina facebook.com/[vinci](https://evil.example/premio) è ufficiale? e la pagina "**Comune** _vero_ ![x](https://evil.example/i.png)"? ' +
    '<img src="x" onerror="window.injected=1"> <a href="https://evil.example/a">qui</a>';

  it("is shown as written, never as a link, an image, emphasis or HTML", async () => {
    const page = await browser.newPage({ viewport: { width: 1000, height: 900 } });
    await page.addInitScript(RECORD_TARGETS);
    await page.goto(`${servers.get("cento")!.base}/`);
    const before = everyReply(realBundle("cento"), "it").length;
    await page.locator(BOT_ACTIVITIES).nth(before - 1).waitFor(WAIT);
    await page.locator("[data-id='webchat-sendbox-input']").fill(MESSAGE);
    await page.keyboard.press("Enter");
    // The citizen's own message, then the bot's reply.
    const reply = page.locator(BOT_ACTIVITIES).nth(before + 1);
    await reply.waitFor(WAIT);
    const text = (await reply.textContent()) ?? "";
    expect(text).toContain("facebook.com/[vinci](https://evil.example/premio");
    expect(text).toContain("**Comune** _vero_ ![x](https://evil.example/i.png)");
    for (const article of [reply, page.locator(BOT_ACTIVITIES).nth(before)]) {
      // Web Chat's own icon beside each of the bot's links is the only image allowed.
      expect(await article.locator("a[href*='evil'], img:not(.webchat__render-markdown__external-link-icon), strong, em, b, i").count()).toBe(0);
    }
    expect(await page.evaluate(() => (window as unknown as { injected?: number }).injected)).toBeUndefined();
    await page.close();
  }, 90_000);
});
