import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi, type MockInstance } from "vitest";
import type { InboundActivity } from "../../../src/channels/activity.js";
import { createAgentsHost } from "../../../src/hosts/agents/agentsHost.js";
import { UnauthorizedRequest, type MessagingHost, type TurnLogic } from "../../../src/hosts/messagingHost.js";
import { freePort } from "../../support/freePort.js";

const APP_ID = "00000000-0000-0000-0000-00000000b07a";
const ISSUER = "https://api.botframework.test";
const KID = "test-key";
const TENANT = "test-tenant";
const SERVICE_URL = "https://test.botframework.example/";
const CREDENTIALS = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-used-with-expect-replies", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" };

let signingKey: CryptoKey;
let keyServer: HttpServer;
let keyServerBase: string;
/** every path the bot asked the key server for */
let keyRequests: string[] = [];
let turns: InboundActivity[] = [];
let host: MessagingHost;

const runTurn: TurnLogic = async (activity, send) => {
  turns.push(activity);
  await send([{ type: "message", text: "Rispondiamo lun–ven 9:00–13:00." }]);
};

/**
 * A stand-in for Microsoft's signing keys: one RSA key the test made. The Agents SDK reads the keys of
 * an issuer other than Azure Bot Service's from `<authorityEndpoint>/discovery/v2.0/keys`.
 */
async function startKeyServer(publicJwk: JWK): Promise<void> {
  keyServer = createHttpServer((req, res) => {
    keyRequests.push(req.url ?? "");
    res.setHeader("content-type", "application/json");
    if (req.url === `/${TENANT}/discovery/v2.0/keys`) {
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: "sig", alg: "RS256" }] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => keyServer.listen(0, "127.0.0.1", resolve));
  keyServerBase = `http://127.0.0.1:${(keyServer.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  await startKeyServer(await exportJWK(pair.publicKey));
  host = createAgentsHost({ auth: CREDENTIALS, testSettings: { authorityEndpoint: `${keyServerBase}/${TENANT}`, issuer: ISSUER }, runTurn });
});

afterAll(async () => {
  keyServer.closeAllConnections();
  await new Promise<void>((resolve) => keyServer.close(() => resolve()));
});

/** Whatever the SDK (or a library under it) would print: a rejected token must leave the console silent. */
let printed: MockInstance[] = [];
beforeEach(() => {
  turns = [];
  keyRequests = [];
  printed = [
    vi.spyOn(console, "error"),
    vi.spyOn(console, "warn"),
    vi.spyOn(console, "log"),
    vi.spyOn(console, "info"),
    vi.spyOn(console, "debug"),
    vi.spyOn(process.stderr, "write"),
    vi.spyOn(process.stdout, "write"),
  ];
});
afterEach(() => {
  vi.restoreAllMocks();
});
const expectSilence = () => {
  for (const spy of printed) expect(spy).not.toHaveBeenCalled();
};

const activity: InboundActivity = {
  type: "message",
  id: "act-1",
  text: "a che ora rispondete sulla pagina?",
  channelId: "test",
  serviceUrl: SERVICE_URL,
  deliveryMode: "expectReplies",
  conversation: { id: "auth-test" },
  from: { id: "u1" },
  recipient: { id: "bot" },
};

interface Claims {
  key?: CryptoKey;
  audience?: string;
  issuer?: string;
  serviceUrl?: string;
  expires?: string;
}

async function token({ key = signingKey, audience = APP_ID, issuer = ISSUER, serviceUrl = SERVICE_URL, expires = "5m" }: Claims = {}): Promise<string> {
  return new SignJWT({ serviceurl: serviceUrl })
    .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
    .setIssuer(issuer)
    .setAudience(audience)
    .setIssuedAt()
    .setNotBefore("-30m")
    .setExpirationTime(expires)
    .sign(key);
}

/** The UnauthorizedRequest a call was refused with (the test fails if it was not refused so). */
async function refusal(call: Promise<unknown>): Promise<UnauthorizedRequest> {
  const error = await call.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(UnauthorizedRequest);
  return error as UnauthorizedRequest;
}

describe("with credentials", () => {
  it("accepts a request signed with a key of the issuer, and answers in the body", async () => {
    const result = await host.handleActivity(`Bearer ${await token()}`, activity);
    expect(result.status).toBe(200);
    expect((result.body as { activities: Array<{ text: string }> }).activities.map((reply) => reply.text)).toEqual(["Rispondiamo lun–ven 9:00–13:00."]);
    expect(turns).toEqual([activity]);
    expectSilence();
  });

  it("asks for no token of its own when the replies go in the body", async () => {
    // The key server is also the authority the SDK would ask Entra's token from: only the keys are read.
    await host.handleActivity(`Bearer ${await token()}`, activity);
    expect(keyRequests.every((path) => path === `/${TENANT}/discovery/v2.0/keys`)).toBe(true);
  });

  it.each([
    ["no Authorization header", async () => ""],
    ["a scheme other than Bearer", async () => "Basic dXNlcjpwYXNz"],
    ["a malformed token", async () => "Bearer not.a.jwt"],
    ["a token signed with another key", async () => `Bearer ${await token({ key: (await generateKeyPair("RS256")).privateKey })}`],
    ["a token for another bot", async () => `Bearer ${await token({ audience: "someone-else" })}`],
    ["a token from another issuer", async () => `Bearer ${await token({ issuer: "https://issuer.attacker.example" })}`],
    ["a token expired 10 minutes ago", async () => `Bearer ${await token({ expires: "-10m" })}`],
  ])("refuses %s with an UnauthorizedRequest, without running the turn or printing anything", async (_name, authorization) => {
    const error = await refusal(host.handleActivity(await authorization(), activity));
    expect(error.message).toBe("The request could not be authenticated.");
    expect(error.reason).toMatch(/^[^\n]{1,160}$/);
    expect(turns).toEqual([]);
    expectSilence();
  });

  it("says why in its reason, in one line", async () => {
    expect((await refusal(host.handleActivity(`Bearer ${await token({ expires: "-10m" })}`, activity))).reason).toBe("jwt expired");
    expect((await refusal(host.handleActivity("", activity))).reason).toBe("authorization header not found");
  });

  it("refuses a token issued for another serviceUrl, as botbuilder does", async () => {
    const result = await host.handleActivity(`Bearer ${await token({ serviceUrl: "https://elsewhere.example/" })}`, activity);
    expect(result.status).toBe(400);
    expect(turns).toEqual([]);
    expectSilence();
  });
});

describe("when the issuer's keys cannot be fetched", () => {
  it("refuses a well-formed token with an UnauthorizedRequest, printing nothing", async () => {
    const unreachable = `http://127.0.0.1:${await freePort()}/${TENANT}`;
    const stranded = createAgentsHost({ auth: CREDENTIALS, testSettings: { authorityEndpoint: unreachable, issuer: ISSUER }, runTurn });
    const error = await refusal(stranded.handleActivity(`Bearer ${await token()}`, activity));
    expect(error.reason).not.toMatch(/\n\s+at /);
    expect(turns).toEqual([]);
    expectSilence();
  });
});

describe("open mode (no credentials)", () => {
  const open = createAgentsHost({ auth: { ...CREDENTIALS, MicrosoftAppId: "", MicrosoftAppPassword: "" }, runTurn });

  it("runs a request without a token", async () => {
    expect((await open.handleActivity("", activity)).status).toBe(200);
    expect(turns).toEqual([activity]);
  });

  it("refuses a request that brings a token it cannot check", async () => {
    await refusal(open.handleActivity(`Bearer ${await token()}`, activity));
    expect(turns).toEqual([]);
    expectSilence();
  });
});
