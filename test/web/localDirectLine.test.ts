import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderReply } from "../../src/channels/renderReply.js";
import { LOCAL_CHANNEL_ID, MAX_EXTRA_JSON_LENGTH, MAX_TEXT_LENGTH } from "../../src/hosts/http/web/localDirectLine.js";
import { realBundle } from "../support/realKnowledge.js";
import { LOCAL_CONFIG, startWebServer, type WebServer } from "./webServer.js";

interface Issued {
  conversationId: string;
  token: string;
  expires_in: number;
  streamUrl?: string;
}
interface Activity {
  id: string;
  type: string;
  text?: string;
  locale?: string;
  replyToId?: string;
  from: { id: string; role?: string };
  channelData?: { clientActivityID?: string };
  attachments?: Array<{ contentType: string; content: { buttons: Array<{ title: string; value: string }> } }>;
  suggestedActions?: { actions: Array<{ title: string }> };
}
interface ActivitySet {
  activities: Activity[];
  watermark: string;
}

let server: WebServer;
/** The welcome as the website gets it: markdown, its addresses as links. */
const welcome = (language: "it" | "en") => renderReply(realBundle("cento").composer.welcome(language), LOCAL_CHANNEL_ID)[0]!.text;

beforeAll(async () => {
  server = await startWebServer();
});
afterAll(() => server.close());

function call(path: string, init: { method?: string; token?: string; body?: unknown } = {}) {
  const headers: Record<string, string> = {};
  if (init.token !== undefined) headers.authorization = `Bearer ${init.token}`;
  if (init.body !== undefined) headers["content-type"] = "application/json";
  return fetch(`${server.base}/v3/directline${path}`, {
    method: init.method ?? "GET",
    headers,
    ...(init.body !== undefined ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) } : {}),
  });
}

async function json<T>(response: Response, status: number): Promise<T> {
  expect(response.status).toBe(status);
  return (await response.json()) as T;
}

/** What Web Chat does: get a token, then start the conversation with it, in the page's locale. */
async function startConversation(locale = "it-IT", userId = "r_webchat01"): Promise<Issued> {
  const generated = await json<Issued>(await call("/tokens/generate", { method: "POST" }), 200);
  return json<Issued>(await call("/conversations", { method: "POST", token: generated.token, body: { user: { id: userId }, locale } }), 201);
}

const poll = async (conversation: Issued, watermark = "") =>
  json<ActivitySet>(await call(`/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, { token: conversation.token }), 200);

const post = (conversation: Issued, body: unknown) =>
  call(`/conversations/${conversation.conversationId}/activities`, { method: "POST", token: conversation.token, body });

describe("the local Direct Line, started as Web Chat starts it", () => {
  it("issues a token, then starts the conversation with it and answers 201 without a streamUrl", async () => {
    const generated = await json<Issued>(await call("/tokens/generate", { method: "POST" }), 200);
    expect(generated).toMatchObject({ conversationId: expect.any(String), token: expect.any(String), expires_in: expect.any(Number) });
    const started = await json<Issued>(await call("/conversations", { method: "POST", token: generated.token, body: { user: { id: "r_1" }, locale: "it-IT" } }), 201);
    expect(started.conversationId).toBe(generated.conversationId);
    expect(started.expires_in).toBeGreaterThan(0);
    expect(started).not.toHaveProperty("streamUrl");
  });

  it("greets the user once, in the locale given at the start, with the menu as suggested actions", async () => {
    const conversation = await startConversation("it-IT");
    const set = await poll(conversation);
    expect(set.activities.map((a) => a.text)).toEqual([welcome("it")]);
    expect(set.activities[0]).toMatchObject({ type: "message", locale: "it-IT", from: { role: "bot" } });
    expect(set.activities[0]?.suggestedActions?.actions.length).toBeGreaterThan(0);
    expect(set.watermark).toBe("1");
  });

  it("greets in English when the page starts in English", async () => {
    const conversation = await startConversation("en-US");
    expect((await poll(conversation)).activities.map((a) => a.text)).toEqual([welcome("en")]);
  });

  it("does not greet again when the conversation is started a second time with the same token", async () => {
    const conversation = await startConversation();
    const again = await call("/conversations", { method: "POST", token: conversation.token, body: { locale: "it-IT" } });
    expect(again.status).toBe(200);
    expect((await poll(conversation)).activities).toHaveLength(1);
  });

  it("starts a conversation even when the body is empty, with a user id it picks", async () => {
    const generated = await json<Issued>(await call("/tokens/generate", { method: "POST" }), 200);
    await json<Issued>(await call("/conversations", { method: "POST", token: generated.token }), 201);
    expect((await poll(generated)).activities.map((a) => a.text)).toEqual([welcome("it")]);
  });
});

describe("posting and polling with a watermark", () => {
  it("echoes the message with Web Chat's clientActivityID, then shows the answer and its buttons", async () => {
    const conversation = await startConversation();
    const { watermark } = await poll(conversation);
    const body = { type: "message", text: "posso mandarvi qui la domanda per il bonus?", locale: "it-IT", from: { id: "forged" }, channelData: { clientActivityID: "abc123" } };
    const { id } = await json<{ id: string }>(await post(conversation, body), 200);
    const set = await poll(conversation, watermark);
    const [echo, ...replies] = set.activities;
    expect(echo).toMatchObject({ id, text: body.text, textFormat: "plain", from: { id: "r_webchat01", role: "user" }, channelData: { clientActivityID: "abc123" } });
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.every((r) => r.replyToId === id && r.from.role === "bot")).toBe(true);
    const buttons = replies.flatMap((r) => r.attachments ?? []).flatMap((a) => a.content.buttons);
    expect(buttons.map((b) => b.value)).toContain("mailto:urp@comune.cento.fe.it");
    expect(Number(set.watermark)).toBe(Number(watermark) + set.activities.length);
  });

  it("returns nothing new at the latest watermark, and everything from an empty one", async () => {
    const conversation = await startConversation();
    await post(conversation, { type: "message", text: "orari della pagina?" });
    const all = await poll(conversation);
    expect(all.activities.length).toBeGreaterThanOrEqual(3);
    const latest = await poll(conversation, all.watermark);
    expect(latest).toEqual({ activities: [], watermark: all.watermark });
  });

  it("accepts a typing activity without a turn or an echo", async () => {
    const conversation = await startConversation();
    const before = await poll(conversation);
    expect((await post(conversation, { type: "typing" })).status).toBe(200);
    expect((await poll(conversation, before.watermark)).activities).toEqual([]);
  });
});

describe("tokens", () => {
  it("refreshes a token; the new one opens the same conversation", async () => {
    const conversation = await startConversation();
    const refreshed = await json<Issued>(await call("/tokens/refresh", { method: "POST", token: conversation.token }), 200);
    expect(refreshed.conversationId).toBe(conversation.conversationId);
    expect(refreshed.token).not.toBe(conversation.token);
    expect((await poll({ ...conversation, token: refreshed.token })).activities).toHaveLength(1);
  });

  it("reconnects to a conversation with its watermark and gives its token back", async () => {
    const conversation = await startConversation();
    const response = await call(`/conversations/${conversation.conversationId}?watermark=1`, { token: conversation.token });
    const reconnected = await json<Issued>(response, 200);
    expect(reconnected).toMatchObject({ conversationId: conversation.conversationId, token: conversation.token });
    expect(reconnected.expires_in).toBeGreaterThan(0);
  });

  it.each([
    ["a wrong token", "x".repeat(43)],
    ["no token", undefined],
  ])("refuses %s with 403 on every conversation route", async (_name, token) => {
    const conversation = await startConversation();
    const id = conversation.conversationId;
    const responses = await Promise.all([
      call(`/conversations/${id}/activities?watermark=`, { ...(token ? { token } : {}) }),
      call(`/conversations/${id}/activities`, { method: "POST", body: { type: "message", text: "ciao" }, ...(token ? { token } : {}) }),
      call(`/conversations/${id}`, { ...(token ? { token } : {}) }),
      call("/tokens/refresh", { method: "POST", ...(token ? { token } : {}) }),
      call("/conversations", { method: "POST", ...(token ? { token } : {}) }),
    ]);
    expect(responses.map((r) => r.status)).toEqual([403, 403, 403, 403, 403]);
    const body = (await responses[0]!.json()) as { error: { code: string } };
    expect(body.error.code).toBe("TokenExpired");
  });

  it("refuses the token of another conversation with 403", async () => {
    const mine = await startConversation();
    const theirs = await startConversation();
    expect((await call(`/conversations/${theirs.conversationId}/activities`, { token: mine.token })).status).toBe(403);
  });

  it("answers 404 for a conversation it does not know", async () => {
    const conversation = await startConversation();
    expect((await call("/conversations/unknownConversation123/activities", { token: conversation.token })).status).toBe(404);
  });
});

describe("bad requests", () => {
  it.each([
    ["an array", [1, 2]],
    ["no type", { text: "ciao" }],
    ["a type clients may not send", { type: "conversationUpdate", membersAdded: [{ id: "x" }] }],
    ["a text that is not a string", { type: "message", text: 42 }],
    ["a message with neither text nor value", { type: "message" }],
    ["a text over the limit", { type: "message", text: "a".repeat(MAX_TEXT_LENGTH + 1) }],
    ["attachments", { type: "message", text: "ciao", attachments: [{ contentType: "image/png", contentUrl: "http://x/y.png" }] }],
    ["a malformed locale", { type: "message", text: "ciao", locale: "<script>" }],
    ["channelData that is not an object", { type: "message", text: "ciao", channelData: "x" }],
    ["an event value of 200 KB", { type: "event", name: "webchat/join", value: { blob: "x".repeat(200 * 1024) } }],
    ["a value just over the limit", { type: "message", value: "x".repeat(MAX_EXTRA_JSON_LENGTH - 1) }],
    ["channelData over the limit", { type: "message", text: "ciao", channelData: { clientActivityID: "x".repeat(MAX_EXTRA_JSON_LENGTH) } }],
    ["malformed JSON", "{not json"],
  ])("refuses a posted activity with %s with 400 and keeps serving", async (_name, body) => {
    const conversation = await startConversation();
    const response = await post(conversation, body);
    expect(response.status).toBe(400);
    expect(await response.text()).not.toMatch(/at \w+ \(|node_modules|\.ts:\d+/);
    expect((await post(conversation, { type: "message", text: "ciao" })).status).toBe(200);
  });

  it.each([
    ["not a number", "abc"],
    ["ahead of the conversation", "99"],
  ])("refuses a watermark that is %s with 400", async (_name, watermark) => {
    const conversation = await startConversation();
    expect((await call(`/conversations/${conversation.conversationId}/activities?watermark=${watermark}`, { token: conversation.token })).status).toBe(400);
  });

  it("refuses a start request with a malformed user id with 400", async () => {
    const generated = await json<Issued>(await call("/tokens/generate", { method: "POST" }), 200);
    const response = await call("/conversations", { method: "POST", token: generated.token, body: { user: { id: "<b>" } } });
    expect(response.status).toBe(400);
  });
});

describe("when the local Direct Line is on", () => {
  it.each([
    ["open mode outside production", LOCAL_CONFIG, true],
    ["open mode in production", { ...LOCAL_CONFIG, production: true }, false],
    ["Bot Framework credentials configured", { ...LOCAL_CONFIG, openMode: false }, false],
  ])("with %s: %s", async (_name, config, on) => {
    const other = await startWebServer({ config });
    try {
      expect(other.channel.localDirectLine !== undefined).toBe(on);
      expect((await fetch(`${other.base}/v3/directline/tokens/generate`, { method: "POST" })).status).toBe(on ? 200 : 404);
      const page = await (await fetch(`${other.base}/`)).text();
      expect(page).toContain(on ? '"mode":"local"' : '"mode":"unavailable"');
    } finally {
      await other.close();
    }
  });

  it("holds a transcript to its byte limit and all of them to the total, however much is posted", async () => {
    const limits = { maxConversations: 100, idleSeconds: 600, tokenSeconds: 600, maxActivities: 200, maxTranscriptBytes: 64 * 1024, maxTotalBytes: 256 * 1024 };
    const small = await startWebServer({ conversationLimits: limits });
    const call = (path: string, token: string, body?: unknown) =>
      fetch(`${small.base}/v3/directline${path}`, {
        method: body === undefined ? "GET" : "POST",
        headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
    try {
      const start = async () => {
        const generated = (await (await fetch(`${small.base}/v3/directline/tokens/generate`, { method: "POST" })).json()) as Issued;
        expect((await call("/conversations", generated.token, { locale: "it-IT" })).status).toBe(201);
        return generated;
      };
      const big = { type: "event", name: "page/visit", value: { note: "x".repeat(MAX_EXTRA_JSON_LENGTH - 20) } };
      const first = await start();
      for (let i = 0; i < 40; i++) expect((await call(`/conversations/${first.conversationId}/activities`, first.token, big)).status).toBe(200);
      const transcript = (await (await call(`/conversations/${first.conversationId}/activities`, first.token)).json()) as ActivitySet;
      expect(JSON.stringify(transcript.activities).length * 2).toBeLessThanOrEqual(64 * 1024);
      expect(transcript.activities.length).toBeLessThan(40);
      expect(Number(transcript.watermark)).toBe(41);
      for (let c = 0; c < 8; c++) {
        const other = await start();
        for (let i = 0; i < 20; i++) await call(`/conversations/${other.conversationId}/activities`, other.token, big);
        expect(small.channel.localDirectLine!.bytes).toBeLessThanOrEqual(256 * 1024);
      }
      // The least recently used went to make room.
      expect((await call(`/conversations/${first.conversationId}`, first.token)).status).toBe(404);
    } finally {
      await small.close();
    }
  });

  it("keeps at most the configured number of conversations, forgetting the least recently used", async () => {
    const limits = { maxConversations: 2, idleSeconds: 600, tokenSeconds: 600, maxActivities: 50 };
    const small = await startWebServer({ conversationLimits: limits });
    try {
      const generate = async () => (await (await fetch(`${small.base}/v3/directline/tokens/generate`, { method: "POST" })).json()) as Issued;
      const first = await generate();
      await generate();
      await generate();
      expect(small.channel.localDirectLine?.size).toBe(2);
      const response = await fetch(`${small.base}/v3/directline/conversations/${first.conversationId}`, { headers: { authorization: `Bearer ${first.token}` } });
      expect(response.status).toBe(404);
    } finally {
      await small.close();
    }
  });
});
