import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey } from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { listComuni } from "../src/knowledge/loadKnowledge.js";
import { createLogger } from "../src/logger.js";
import { MemoryStateStore } from "../src/storage/memoryStateStore.js";
import { SHARED_EVAL } from "../scripts/sharedEval.js";
import { messageActivity } from "./support/botServer.js";
import { KNOWLEDGE_DIR, LOCALES_DIR } from "./support/realKnowledge.js";

/** A dev-set item: its comune, its text, and the strings its replies must never carry. */
interface DevItem {
  readonly id: string;
  readonly comune: string;
  readonly locale: string;
  readonly text: string;
  readonly must: readonly (readonly string[])[];
  readonly must_not: readonly string[];
}

const DEV_ITEMS: DevItem[] = readFileSync(join(SHARED_EVAL, "dev.jsonl"), "utf8")
  .split("\n")
  .filter((line) => line.trim() !== "")
  .map((line) => JSON.parse(line) as DevItem);

/**
 * The must_not strings of a comune's items that belong to another comune: its name, or a fact another
 * comune's items must carry. The others (e.g. "domanda ricevuta") are about answer quality, not leaks.
 */
function crossComuneStrings(comune: string): Set<string> {
  const others = [...new Set(DEV_ITEMS.map((item) => item.comune))].filter((id) => id !== comune);
  const otherFacts = new Set(DEV_ITEMS.filter((item) => item.comune !== comune).flatMap((item) => item.must.flat().map((s) => s.toLowerCase())));
  return new Set(
    DEV_ITEMS.filter((item) => item.comune === comune)
      .flatMap((item) => item.must_not)
      .map((s) => s.toLowerCase())
      .filter((s) => otherFacts.has(s) || others.some((other) => s.includes(other))),
  );
}

const APP_ID = "00000000-0000-0000-0000-0000000ce470";
const ISSUER = "https://api.botframework.test";
const KID = "multi-key";
const SERVICE_URL = "https://test.botframework.example/";

let signingKey: CryptoKey;
let metadata: HttpServer;
let app: App;
let base: string;
let logDir: string;
const storage = new MemoryStateStore();

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  const publicJwk = await exportJWK(pair.publicKey);
  metadata = createHttpServer((req, res) => {
    res.setHeader("content-type", "application/json");
    const metadataBase = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    if (req.url === "/.well-known/openid-configuration") {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${metadataBase}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    } else if (req.url === "/keys") {
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: "sig", alg: "RS256", endorsements: ["test"] }] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));

  logDir = mkdtempSync(join(tmpdir(), "multi-comune-"));
  const config = loadConfig(
    { COMUNI: "cento,mezzago", KNOWLEDGE_DIR, LOCALES_DIR, INTERACTION_LOG_DIR: logDir, PORT: "0", LOG_LEVEL: "silent", BOT_SDK: process.env.BOT_SDK },
    listComuni,
  );
  app = createApp(config, createLogger("silent"), { store: storage });
  await new Promise<void>((resolve) => app.server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => app.server.close(() => resolve()));
  await app.close();
  await new Promise<void>((resolve) => metadata.close(() => resolve()));
  rmSync(logDir, { recursive: true, force: true });
});

/** A channel's message activity in the item's locale ("it" or "en"), replies in the response body. */
function activity(text: string, locale: string, conversation: string) {
  return messageActivity(text, conversation, locale === "en" ? "en-US" : "it-IT");
}

/** Posts to a comune's endpoint and returns everything the replies say, lower-cased. */
async function ask(path: string, text: string, locale: string, conversation = `c-${Math.random()}`): Promise<string> {
  const res = await fetch(`${base}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(activity(text, locale, conversation)),
  });
  expect(res.status).toBe(200);
  return JSON.stringify(await res.json()).toLowerCase();
}

describe("two comuni in one deployment (COMUNI=cento,mezzago)", () => {
  it("answers every dev item on its own comune's endpoint with that comune's facts, never another's", async () => {
    const leaks: string[] = [];
    const carried = new Map<string, number>();
    for (const item of DEV_ITEMS) {
      const replies = await ask(`/api/messages/${item.comune}`, item.text, item.locale);
      for (const s of crossComuneStrings(item.comune)) if (replies.includes(s)) leaks.push(`${item.id} (${item.comune}): "${s}"`);
      if (item.must.some((group) => group.some((s) => replies.includes(s.toLowerCase())))) carried.set(item.comune, (carried.get(item.comune) ?? 0) + 1);
    }
    expect(new Set(DEV_ITEMS.map((i) => i.comune))).toEqual(new Set(["cento", "mezzago"]));
    expect(leaks).toEqual([]);
    // Each endpoint answers with its own facts, so the check above looked at real answers.
    expect(carried.get("cento") ?? 0).toBeGreaterThan(10);
    expect(carried.get("mezzago") ?? 0).toBeGreaterThan(10);
  }, 120_000);

  it("finds the other comune's facts when a comune's items go to the other endpoint (the leak check can fail)", async () => {
    let leaks = 0;
    for (const item of DEV_ITEMS.filter((i) => i.must.length > 0).slice(0, 40)) {
      const other = item.comune === "cento" ? "mezzago" : "cento";
      const replies = await ask(`/api/messages/${other}`, item.text, item.locale);
      if ([...crossComuneStrings(item.comune)].some((s) => replies.includes(s))) leaks += 1;
    }
    expect(leaks).toBeGreaterThan(20);
  }, 60_000);

  it("has no messaging endpoint at /api/messages and none for a comune it does not serve", async () => {
    for (const path of ["/api/messages", "/api/messages/elsewhere"]) {
      const res = await fetch(`${base}${path}`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(activity("ciao", "it", "x")) });
      expect(res.status).toBe(404);
    }
  });

  it("keeps the state of the same conversation id apart for each comune, under its own key prefix", async () => {
    const conversation = "shared-conversation-id";
    await ask("/api/messages/cento", "come contatto il comune?", "it", conversation);
    await ask("/api/messages/mezzago", "come contatto il comune?", "it", conversation);
    const key = `test/conversations/${conversation}`;
    expect(await storage.read(`cento/${key}`)).toBeDefined();
    expect(await storage.read(`mezzago/${key}`)).toBeDefined();
    expect(await storage.read(key)).toBeUndefined();
  });

  it("lists each comune on /healthz with its knowledge version and reload state only", async () => {
    const res = await fetch(`${base}/healthz`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { status: string; comuni: Array<Record<string, unknown>> };
    expect(body.status).toBe("ok");
    expect(body.comuni.map((c) => c.comune)).toEqual(["cento", "mezzago"]);
    for (const comune of body.comuni) {
      expect(Object.keys(comune).sort()).toEqual(["comune", "knowledgeLoadedAt", "knowledgeVersion", "lastReloadError"]);
      expect(comune.knowledgeVersion).toMatch(/\S/);
      expect(Number.isNaN(Date.parse(String(comune.knowledgeLoadedAt)))).toBe(false);
      expect(comune.lastReloadError).toBeNull();
    }
  });

  it("lists the comuni at / with links to their chat pages, in Italian and English", async () => {
    const it_ = await fetch(`${base}/`);
    expect(it_.status).toBe(200);
    expect(it_.headers.get("content-security-policy")).toMatch(/script-src 'none'/);
    const html = await it_.text();
    expect(html).toMatch(/<html lang="it">/);
    expect(html).toMatch(/<a href="\/cento\/\?lang=it">Comune di Cento<\/a>/);
    expect(html).toMatch(/<a href="\/mezzago\/\?lang=it">Comune di Mezzago<\/a>/);
    const en = await (await fetch(`${base}/?lang=en`)).text();
    expect(en).toMatch(/<html lang="en">/);
    expect(en).toMatch(/Choose your comune/);
    expect(en).toMatch(/href="\/mezzago\/\?lang=en"/);
  });

  it("serves each comune's chat page at /<id>/ with its own Direct Line paths, and sends /<id> there", async () => {
    for (const comune of ["cento", "mezzago"]) {
      const page = await fetch(`${base}/${comune}/`);
      expect(page.status).toBe(200);
      const html = await page.text();
      expect(html).toContain(`"tokenUrl":"/${comune}/v3/directline/tokens/generate"`);
      expect(html).toContain(`"domain":"/${comune}/v3/directline"`);
      const redirect = await fetch(`${base}/${comune}?lang=en`, { redirect: "manual" });
      expect(redirect.status).toBe(301);
      expect(redirect.headers.get("location")).toBe(`/${comune}/?lang=en`);
    }
    expect(await (await fetch(`${base}/cento/`)).text()).toMatch(/Comune di Cento/);
    expect(await (await fetch(`${base}/mezzago/`)).text()).toMatch(/Comune di Mezzago/);
    expect((await fetch(`${base}/webchat/page.css`)).status).toBe(200);
  });

  it("talks on a comune's own local Direct Line to that comune's bot", async () => {
    const generated = await fetch(`${base}/mezzago/v3/directline/tokens/generate`, { method: "POST", headers: { "content-type": "application/json" }, body: "{}" });
    expect(generated.status).toBe(200);
    const { token } = (await generated.json()) as { token: string };
    const started = await fetch(`${base}/mezzago/v3/directline/conversations`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: "{}" });
    expect([200, 201]).toContain(started.status);
    const { conversationId } = (await started.json()) as { conversationId: string };
    const posted = await fetch(`${base}/mezzago/v3/directline/conversations/${conversationId}/activities`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ type: "message", text: "come contatto il comune?", from: { id: "dl_user" }, locale: "it-IT" }),
    });
    expect(posted.status).toBe(200);
    const activities = await fetch(`${base}/mezzago/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    const transcript = JSON.stringify(await activities.json()).toLowerCase();
    expect(transcript).toContain("039 606761");
    expect(transcript).not.toContain("800 375 515");
    // A token of one comune's Direct Line opens nothing on another's.
    const elsewhere = await fetch(`${base}/cento/v3/directline/conversations/${conversationId}/activities`, { headers: { authorization: `Bearer ${token}` } });
    expect(elsewhere.status).toBeGreaterThanOrEqual(400);
  });

  it("writes each comune's staff log in its own folder", async () => {
    await ask("/api/messages/cento", "qual è la ricetta delle tagliatelle?", "it");
    await ask("/api/messages/mezzago", "qual è la ricetta della cassoeula?", "it");
    await app.close(); // writes the last lines; closing twice is harmless
    for (const comune of ["cento", "mezzago"]) {
      const files = readdirSync(join(logDir, comune)).filter((f) => f.endsWith(".jsonl"));
      expect(files.length).toBeGreaterThan(0);
      const records = files.flatMap((f) =>
        readFileSync(join(logDir, comune, f), "utf8")
          .split("\n")
          .filter(Boolean)
          .map((line) => JSON.parse(line) as { comune: string }),
      );
      expect(records.length).toBeGreaterThan(0);
      expect(new Set(records.map((r) => r.comune))).toEqual(new Set([comune]));
    }
    expect(readdirSync(logDir).sort()).toEqual(["cento", "mezzago"]);
  }, 30_000);
});

describe("each comune's own credentials (MicrosoftAppId__<id>)", () => {
  let authed: App;
  let authedBase: string;

  beforeAll(async () => {
    const metadataBase = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
    const config = loadConfig(
      {
        COMUNI: "cento,mezzago",
        KNOWLEDGE_DIR,
        LOCALES_DIR,
        INTERACTION_LOG_DIR: join(logDir, "authed"),
        MicrosoftAppId__cento: APP_ID,
        MicrosoftAppPassword__cento: "not-used-with-expect-replies",
      },
      listComuni,
    );
    expect(config.comuni.map((c) => [c.id, c.openMode])).toEqual([
      ["cento", false],
      ["mezzago", true],
    ]);
    authed = createApp(config, createLogger("silent"), {
      authSettings: { ToBotFromChannelOpenIdMetadataUrl: `${metadataBase}/.well-known/openid-configuration`, ToBotFromChannelTokenIssuer: ISSUER },
    });
    await new Promise<void>((resolve) => authed.server.listen(0, "127.0.0.1", resolve));
    authedBase = `http://127.0.0.1:${(authed.server.address() as AddressInfo).port}`;
  });

  afterAll(async () => {
    await new Promise<void>((resolve) => authed.server.close(() => resolve()));
    await authed.close();
  });

  const token = (audience: string) =>
    new SignJWT({ serviceurl: SERVICE_URL })
      .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
      .setIssuer(ISSUER)
      .setAudience(audience)
      .setIssuedAt()
      .setNotBefore("-1m")
      .setExpirationTime("5m")
      .sign(signingKey);

  const post = (path: string, authorization?: string) =>
    fetch(`${authedBase}${path}`, {
      method: "POST",
      headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
      body: JSON.stringify({ ...activity("a che ora rispondete sulla pagina?", "it", "auth"), serviceUrl: SERVICE_URL }),
    });

  it("accepts a token for cento's own app id on cento's endpoint", async () => {
    const res = await post("/api/messages/cento", `Bearer ${await token(APP_ID)}`);
    expect(res.status).toBe(200);
  });

  it("refuses a token for a wrong app id, or none, on cento's endpoint with 401", async () => {
    expect((await post("/api/messages/cento", `Bearer ${await token("00000000-0000-0000-0000-00000000ffff")}`)).status).toBe(401);
    expect((await post("/api/messages/cento")).status).toBe(401);
  });

  it("answers on mezzago's endpoint, open, at the same time", async () => {
    const res = await fetch(`${authedBase}/api/messages/mezzago`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(activity("come contatto il comune?", "it", "open")),
    });
    expect(res.status).toBe(200);
    expect(JSON.stringify(await res.json())).toContain("039 606761");
  });
});
