import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { networkInterfaces } from "node:os";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isLoopbackUrl, rejectionOf } from "../../src/incomingActivity.js";
import { messageActivity, startBotServer, type BotServer } from "../support/botServer.js";

/** A channel stand-in: records every request the bot makes to it and answers 200. */
let channel: Server;
let received: Array<{ method: string; url: string }> = [];
let running: BotServer;

beforeAll(async () => {
  channel = createServer((req: IncomingMessage, res) => {
    received.push({ method: req.method ?? "", url: req.url ?? "" });
    req.resume();
    req.on("end", () => {
      res.writeHead(200, { "content-type": "application/json" });
      res.end(JSON.stringify({ id: "1" }));
    });
  });
  // Every interface, so that the bot could reach it through a non-loopback address too.
  await new Promise<void>((resolve) => channel.listen(0, "0.0.0.0", resolve));
  running = await startBotServer();
});
afterAll(async () => {
  await running.close();
  channel.closeAllConnections();
  await new Promise<void>((resolve) => channel.close(() => resolve()));
});
beforeEach(() => {
  received = [];
});

const channelPort = () => (channel.address() as AddressInfo).port;
/** One of this machine's own non-loopback addresses, if it has one. */
const externalAddress = Object.values(networkInterfaces())
  .flat()
  .find((i) => i !== undefined && i.family === "IPv4" && !i.internal)?.address;

const post = (body: unknown, contentType = "application/json") =>
  fetch(`${running.base}/api/messages`, { method: "POST", headers: { "content-type": contentType }, body: JSON.stringify(body) });

/** A message whose replies go to `serviceUrl` by a call back, as a channel's normal delivery. */
const calledBack = (serviceUrl: string) => {
  const { deliveryMode: _expectReplies, ...activity } = messageActivity("orari della pagina?");
  return { ...activity, serviceUrl };
};

describe("open mode (no credentials): the bot posts only to this machine", () => {
  it("delivers replies to a serviceUrl on 127.0.0.1", async () => {
    const res = await post(calledBack(`http://127.0.0.1:${channelPort()}/`));
    expect(res.status).toBe(200);
    expect(received.length).toBeGreaterThan(0);
    expect(received.every((r) => r.method === "POST" && r.url.startsWith("/v3/conversations/"))).toBe(true);
  });

  it.each([
    ["this machine's own non-loopback address", `http://${externalAddress ?? "192.0.2.1"}:PORT/`],
    ["a public host", "https://attacker.example/"],
    ["a look-alike of localhost", "http://localhost.attacker.example:PORT/"],
    ["a userinfo trick", "http://127.0.0.1@attacker.example:PORT/"],
    ["a scheme other than http(s)", "file:///etc/passwd"],
  ])("refuses %s as serviceUrl with 400 and a short reason, and calls nobody", async (_name, url) => {
    const res = await post(calledBack(url.replace("PORT", String(channelPort()))));
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toMatch(/expectReplies.*localhost/);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(received).toEqual([]);
  });

  it("answers any serviceUrl with expectReplies in the body, calling nobody", async () => {
    const res = await post({ ...messageActivity("orari della pagina?"), serviceUrl: `http://${externalAddress ?? "192.0.2.1"}:${channelPort()}/` });
    expect(res.status).toBe(200);
    expect(((await res.json()) as { activities: unknown[] }).activities.length).toBeGreaterThan(0);
    expect(received).toEqual([]);
  });

  it("refuses the form a web page can send without a CORS preflight, with 415", async () => {
    const form = new URLSearchParams({ type: "message", text: "ciao", channelId: "test", serviceUrl: `http://127.0.0.1:${channelPort()}/`, "conversation[id]": "c" });
    const res = await fetch(`${running.base}/api/messages`, { method: "POST", body: form });
    expect(res.status).toBe(415);
    expect(received).toEqual([]);
  });
});

describe("identifiers at the boundary", () => {
  const valid = messageActivity("ciao");
  it.each([
    ["no channelId", { ...valid, channelId: undefined }, "channelId"],
    ["an upper-case channelId", { ...valid, channelId: "WebChat" }, "channelId"],
    ["a channelId of 65 characters", { ...valid, channelId: "a".repeat(65) }, "channelId"],
    ["a channelId with a slash", { ...valid, channelId: "test/../x" }, "channelId"],
    ["no conversation", { ...valid, conversation: undefined }, "conversation"],
    ["no conversation.id", { ...valid, conversation: {} }, "conversation.id"],
    ["an empty conversation.id", { ...valid, conversation: { id: "" } }, "conversation.id"],
    ["a conversation.id of 513 characters", { ...valid, conversation: { id: "c".repeat(513) } }, "conversation.id"],
    ["a conversation.id with a newline", { ...valid, conversation: { id: "c\nforged log line" } }, "conversation.id"],
    ["a from.id with an escape character", { ...valid, from: { id: "u\u001b[31m" } }, "from.id"],
    ["a recipient.id of 513 characters", { ...valid, recipient: { id: "b".repeat(513) } }, "recipient.id"],
  ])("answers an activity with %s with 400 naming the field", async (_name, body, field) => {
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: string }).error).toContain(`'${field}'`);
  });

  it("accepts ids as real channels write them", async () => {
    const teams = { ...valid, channelId: "msteams", conversation: { id: "a:1X9kF_0-s7qN;messageid=1732355702512" }, from: { id: "29:1AbC-dEf_gHi" } };
    expect((await post(teams)).status).toBe(200);
    expect((await post({ ...valid, conversation: { id: "x".repeat(512) }, from: { id: "Città è così" } })).status).toBe(200);
  });
});

describe("the open-mode rule itself", () => {
  it.each([
    ["http://localhost:3978/", true],
    ["https://localhost/", true],
    ["http://127.0.0.1:1/", true],
    ["http://127.1.2.3/", true],
    ["http://0x7f.1/", true],
    ["http://[::1]:3978/", true],
    ["http://[::ffff:10.0.0.1]/", false],
    ["http://10.0.0.1/", false],
    ["http://localhost.attacker.example/", false],
    ["http://128.0.0.1/", false],
    ["ftp://localhost/", false],
    ["not a url", false],
  ])("%s is loopback: %s", (url, expected) => {
    expect(isLoopbackUrl(url)).toBe(expected);
  });

  it("lets any serviceUrl through when requests are authenticated", () => {
    const { deliveryMode: _expectReplies, ...activity } = messageActivity("ciao");
    const toAzure = { ...activity, serviceUrl: "https://smba.trafficmanager.net/emea/" };
    expect(rejectionOf(toAzure, { openMode: false })).toBeUndefined();
    expect(rejectionOf(toAzure, { openMode: true })).toMatch(/expectReplies/);
  });
});
