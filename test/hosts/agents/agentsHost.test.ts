import { OPEN_MODE } from "../../../src/hosts/botAuthSettings.js";
import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { InboundActivity, OutgoingActivity } from "../../../src/channels/activity.js";
import { createAgentsHost } from "../../../src/hosts/agents/agentsHost.js";
import type { SendActivities } from "../../../src/hosts/messagingHost.js";


/** What the core renders for a channel: markdown text, a carousel of hero cards, suggested replies. */
const REPLIES: readonly OutgoingActivity[] = [
  { type: "message", text: "**Orari** della pagina: lun–ven 9:00–13:00.", textFormat: "markdown" },
  {
    type: "message",
    attachmentLayout: "carousel",
    attachments: [
      {
        contentType: "application/vnd.microsoft.card.hero",
        content: {
          title: "Ufficio anagrafe",
          images: [],
          buttons: [
            { type: "openUrl", title: "Sito", value: "https://www.comune.cento.fe.it/anagrafe" },
            { type: "call", title: "Telefona", value: "+390516843111" },
          ],
        },
      },
      {
        contentType: "application/vnd.microsoft.card.hero",
        content: { title: "URP", images: [], buttons: [{ type: "imBack", title: "Orari URP", value: "orari urp" }] },
      },
    ],
  },
  {
    type: "message",
    text: "Posso aiutarti in altro?",
    textFormat: "plain",
    suggestedActions: { to: ["u1"], actions: [{ type: "imBack", title: "Sì", value: "sì" }, { type: "imBack", title: "No, grazie", value: "no" }] },
  },
];

/** A turn that records the activity it was given and sends `replies` in two steps, as the core may. */
function recordingTurn(replies: readonly OutgoingActivity[] = REPLIES) {
  const seen: InboundActivity[] = [];
  const runTurn = async (activity: InboundActivity, send: SendActivities) => {
    seen.push(activity);
    await send(replies.slice(0, 1));
    await send(replies.slice(1));
  };
  return { seen, runTurn };
}

const message = (overrides: Partial<InboundActivity> & Record<string, unknown> = {}): InboundActivity & Record<string, unknown> => ({
  type: "message",
  id: "act-1",
  text: "a che ora rispondete sulla pagina?",
  locale: "it-IT",
  channelId: "test",
  serviceUrl: "http://127.0.0.1:1/",
  deliveryMode: "expectReplies",
  timestamp: "2026-11-26T09:15:00.000Z",
  from: { id: "u1", name: "Citizen" },
  recipient: { id: "bot", name: "Comune di Cento" },
  conversation: { id: "conv-1" },
  channelData: { clientActivityID: "x1", nested: { list: [1, 2, 3] } },
  ...overrides,
});

interface ExpectedReplies {
  activities: Array<Record<string, unknown>>;
}

describe("open mode, expectReplies", () => {
  it("gives the turn the activity as it came and answers with its replies, in order and unchanged", async () => {
    const { seen, runTurn } = recordingTurn();
    const host = createAgentsHost({ auth: OPEN_MODE, runTurn });
    const inbound = message();

    const result = await host.handleActivity("", inbound);

    expect(seen).toEqual([inbound]);
    expect(result.status).toBe(200);
    const { activities } = result.body as ExpectedReplies;
    expect(activities).toHaveLength(REPLIES.length);
    REPLIES.forEach((reply, index) => expect(activities[index]).toMatchObject(reply));
    // Addressed as a reply to the inbound activity, with the wire's `channelId` (not the SDK's `_channelId`).
    for (const activity of activities) {
      expect(activity).toMatchObject({ channelId: "test", conversation: { id: "conv-1" }, replyToId: "act-1", from: { id: "bot" }, recipient: { id: "u1" } });
      expect(activity).not.toHaveProperty("_channelId");
    }
    // The body is plain JSON: what the HTTP layer writes is what the channel reads.
    expect(JSON.parse(JSON.stringify(result.body))).toEqual(result.body);
  });

  it("gives a conversationUpdate its membersAdded and channelData", async () => {
    const { seen, runTurn } = recordingTurn([{ type: "message", text: "Benvenuto!" }]);
    const host = createAgentsHost({ auth: OPEN_MODE, runTurn });
    const update = message({
      type: "conversationUpdate",
      text: undefined,
      membersAdded: [{ id: "bot", name: "Comune di Cento" }, { id: "u1", name: "Citizen" }],
      channelData: { source: "webchat", page: { path: "/cento/" } },
    });

    const result = await host.handleActivity("", update);

    expect(seen).toEqual([update]);
    expect(seen[0]!.membersAdded).toEqual([{ id: "bot", name: "Comune di Cento" }, { id: "u1", name: "Citizen" }]);
    expect((result.body as ExpectedReplies).activities.map((activity) => activity.text)).toEqual(["Benvenuto!"]);
  });

  it("answers 200 with no activities when the turn says nothing", async () => {
    const host = createAgentsHost({ auth: OPEN_MODE, runTurn: async () => {} });
    const result = await host.handleActivity("", message());
    expect(result).toEqual({ status: 200, body: { activities: [] } });
  });

  it("leaves the caller's activity as it was", async () => {
    const inbound = message({ relatesTo: { bot: { id: "bot" }, conversation: { id: "conv-1" }, channelId: "test", serviceUrl: "http://127.0.0.1:1/" } });
    const before = structuredClone(inbound);
    await createAgentsHost({ auth: OPEN_MODE, runTurn: async () => {} }).handleActivity("", inbound);
    expect(inbound).toEqual(before);
  });

  it("refuses an activity the SDK's schema rejects with 400, without running the turn", async () => {
    const { seen, runTurn } = recordingTurn();
    const result = await createAgentsHost({ auth: OPEN_MODE, runTurn }).handleActivity("", message({ listenFor: [""] } as never));
    expect(result.status).toBe(400);
    expect(result.body).toEqual({ error: "The activity does not follow the Activity schema." });
    expect(seen).toEqual([]);
  });

  it("accepts empty optional strings, as botbuilder and the channels do, and hands the turn the activity as sent", async () => {
    const { seen, runTurn } = recordingTurn();
    const sent = message({ locale: "", conversation: { id: "c-empty", name: "" } });
    const result = await createAgentsHost({ auth: OPEN_MODE, runTurn }).handleActivity("", sent);
    expect(result.status).toBe(200);
    expect(seen).toEqual([sent]);
  });
});

describe("open mode, normal delivery to the channel's serviceUrl", () => {
  let channel: Server;
  let received: Array<{ method: string; url: string; authorization?: string; body: Record<string, unknown> }> = [];

  beforeAll(async () => {
    channel = createServer((req: IncomingMessage, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (chunk: Buffer) => chunks.push(chunk));
      req.on("end", () => {
        received.push({
          method: req.method ?? "",
          url: req.url ?? "",
          ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
          body: JSON.parse(Buffer.concat(chunks).toString()) as Record<string, unknown>,
        });
        res.writeHead(200, { "content-type": "application/json" });
        res.end(JSON.stringify({ id: `sent-${received.length}` }));
      });
    });
    await new Promise<void>((resolve) => channel.listen(0, "127.0.0.1", resolve));
  });
  afterAll(async () => {
    channel.closeAllConnections();
    await new Promise<void>((resolve) => channel.close(() => resolve()));
  });
  beforeEach(() => {
    received = [];
  });

  const serviceUrl = () => `http://127.0.0.1:${(channel.address() as AddressInfo).port}/`;

  it("posts every reply, in order, to /v3/conversations/<id>/activities and answers 200 with no body", async () => {
    const { runTurn } = recordingTurn();
    const host = createAgentsHost({ auth: OPEN_MODE, runTurn });
    const { deliveryMode: _expectReplies, ...inbound } = message({ serviceUrl: serviceUrl(), conversation: { id: "conv-delivered" } });

    const result = await host.handleActivity("", inbound);

    expect(result).toEqual({ status: 200 });
    expect(received).toHaveLength(REPLIES.length);
    for (const request of received) {
      expect(request.method).toBe("POST");
      // A reply to the inbound activity: the Connector API's ReplyToActivity, under the conversation's activities.
      expect(request.url).toBe("/v3/conversations/conv-delivered/activities/act-1");
      expect(request.authorization).toBeUndefined();
    }
    REPLIES.forEach((reply, index) => expect(received[index]!.body).toMatchObject({ ...reply, channelId: "test", replyToId: "act-1" }));
  });

  it("posts to the conversation itself when the inbound activity has no id", async () => {
    const { runTurn } = recordingTurn([{ type: "message", text: "Ciao!" }]);
    const { deliveryMode: _expectReplies, id: _id, ...inbound } = message({ serviceUrl: serviceUrl(), conversation: { id: "conv-no-id" } });

    expect(await createAgentsHost({ auth: OPEN_MODE, runTurn }).handleActivity("", inbound)).toEqual({ status: 200 });
    expect(received.map((request) => [request.method, request.url, request.body.text])).toEqual([["POST", "/v3/conversations/conv-no-id/activities", "Ciao!"]]);
  });
});

describe("a failed turn", () => {
  const sorry: OutgoingActivity = { type: "message", text: "Scusa, qualcosa è andato storto. Riprova tra poco." };

  it("sends what onTurnError returns and still answers 200", async () => {
    const failures: Array<{ activity: InboundActivity; error: Error }> = [];
    const host = createAgentsHost({
      auth: OPEN_MODE,
      runTurn: async () => {
        throw new Error("knowledge not loaded");
      },
      onTurnError: async (activity, error) => {
        failures.push({ activity, error });
        return [sorry];
      },
    });
    const inbound = message();

    const result = await host.handleActivity("", inbound);

    expect(result.status).toBe(200);
    expect((result.body as ExpectedReplies).activities).toEqual([expect.objectContaining({ ...sorry, replyToId: "act-1" })]);
    expect(failures).toHaveLength(1);
    expect(failures[0]!.activity).toEqual(inbound);
    expect(failures[0]!.error.message).toBe("knowledge not loaded");
  });

  it("keeps what the turn sent before failing, then the apology", async () => {
    const host = createAgentsHost({
      auth: OPEN_MODE,
      runTurn: async (_activity, send) => {
        await send([{ type: "message", text: "Ti passo a un operatore." }]);
        throw new Error("handover refused");
      },
      onTurnError: async () => [sorry],
    });

    const result = await host.handleActivity("", message());

    expect(result.status).toBe(200);
    expect((result.body as ExpectedReplies).activities.map((activity) => activity.text)).toEqual(["Ti passo a un operatore.", sorry.text]);
  });

  it("hands onTurnError an Error even when the turn threw something else", async () => {
    let given: unknown;
    const host = createAgentsHost({
      auth: OPEN_MODE,
      runTurn: async () => {
        throw "not an error";
      },
      onTurnError: async (_activity, error) => {
        given = error;
        return [sorry];
      },
    });

    expect((await host.handleActivity("", message())).status).toBe(200);
    expect(given).toBeInstanceOf(Error);
  });

  it("lets the error reach the HTTP layer when there is no onTurnError", async () => {
    const host = createAgentsHost({
      auth: OPEN_MODE,
      runTurn: async () => {
        throw new Error("knowledge not loaded");
      },
    });
    await expect(host.handleActivity("", message())).rejects.toThrow("knowledge not loaded");
  });
});
