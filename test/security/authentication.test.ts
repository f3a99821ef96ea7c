import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { SignJWT, exportJWK, generateKeyPair, type CryptoKey, type JWK } from "jose";
import { pino } from "pino";
import type { Server } from "restify";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { comuneTurns } from "../../src/comuneTurns.js";
import { createBotbuilderHost } from "../../src/hosts/botbuilder/botbuilderHost.js";
import { ConfigError, loadConfig } from "../../src/config.js";
import { listComuni } from "../../src/knowledge/loadKnowledge.js";
import { createServer } from "../../src/hosts/http/server.js";
import { KNOWLEDGE_DIR, i18n } from "../support/realKnowledge.js";

const APP_ID = "00000000-0000-0000-0000-00000000b07a";
const ISSUER = "https://api.botframework.test";
const KID = "test-key";
let signingKey: CryptoKey;
let metadata: HttpServer;
let metadataBase: string;
let server: Server;
let base: string;
const logLines: Array<Record<string, unknown>> = [];

/** A stand-in for the Bot Framework's OpenID metadata: one RSA key the test made. */
async function startMetadata(publicJwk: JWK): Promise<void> {
  metadata = createHttpServer((req, res) => {
    res.setHeader("content-type", "application/json");
    if (req.url === "/.well-known/openid-configuration") {
      res.end(JSON.stringify({ issuer: ISSUER, jwks_uri: `${metadataBase}/keys`, id_token_signing_alg_values_supported: ["RS256"] }));
    } else if (req.url === "/keys") {
      res.end(JSON.stringify({ keys: [{ ...publicJwk, kid: KID, use: "sig", alg: "RS256", endorsements: ["test", "msteams", "webchat"] }] }));
    } else {
      res.statusCode = 404;
      res.end("{}");
    }
  });
  await new Promise<void>((resolve) => metadata.listen(0, "127.0.0.1", resolve));
  metadataBase = `http://127.0.0.1:${(metadata.address() as AddressInfo).port}`;
}

beforeAll(async () => {
  const pair = await generateKeyPair("RS256");
  signingKey = pair.privateKey;
  await startMetadata(await exportJWK(pair.publicKey));
  const logger = pino(
    { level: "info" },
    new Writable({
      write(chunk: Buffer, _encoding, callback) {
        logLines.push(JSON.parse(chunk.toString()) as Record<string, unknown>);
        callback();
      },
    }),
  );
  const { turns, knowledge } = comuneTurns(KNOWLEDGE_DIR, "cento", i18n, logger);
  const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "not-used-with-expect-replies", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" };
  const host = createBotbuilderHost({
    auth: credentials,
    authSettings: { ToBotFromChannelOpenIdMetadataUrl: `${metadataBase}/.well-known/openid-configuration`, ToBotFromChannelTokenIssuer: ISSUER },
    runTurn: turns.run,
    logger,
  });
  server = createServer({ host, knowledge, logger, openMode: false });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await new Promise<void>((resolve) => metadata.close(() => resolve()));
});

const SERVICE_URL = "https://test.botframework.example/";
const activity = {
  type: "message",
  text: "a che ora rispondete sulla pagina?",
  channelId: "test",
  serviceUrl: SERVICE_URL,
  deliveryMode: "expectReplies",
  conversation: { id: "auth-test" },
  from: { id: "u1" },
  recipient: { id: "bot" },
};

async function token(key: CryptoKey, audience = APP_ID): Promise<string> {
  return new SignJWT({ serviceurl: SERVICE_URL })
    .setProtectedHeader({ alg: "RS256", kid: KID, typ: "JWT" })
    .setIssuer(ISSUER)
    .setAudience(audience)
    .setIssuedAt()
    .setNotBefore("-1m")
    .setExpirationTime("5m")
    .sign(key);
}

const post = (authorization?: string) =>
  fetch(`${base}/api/messages`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(authorization ? { authorization } : {}) },
    body: JSON.stringify(activity),
  });

describe("with Bot Framework credentials", () => {
  it("accepts a request signed with a key from the channel's OpenID metadata", async () => {
    const res = await post(`Bearer ${await token(signingKey)}`);
    expect(res.status).toBe(200);
    const body = (await res.json()) as { activities: Array<{ text: string }> };
    expect(body.activities[0]!.text).toMatch(/13:00/);
  });

  it.each([
    ["no token", async () => undefined],
    ["a malformed token", async () => "Bearer not.a.jwt"],
    ["a token signed with another key", async () => `Bearer ${await token((await generateKeyPair("RS256")).privateKey)}`],
    ["a token for another bot", async () => `Bearer ${await token(signingKey, "someone-else")}`],
    ["an expired token", async () => `Bearer ${await new SignJWT({ serviceurl: SERVICE_URL }).setProtectedHeader({ alg: "RS256", kid: KID }).setIssuer(ISSUER).setAudience(APP_ID).setExpirationTime("-10m").sign(signingKey)}`],
  ])("rejects %s with 401, no detail in the body and one log line", async (_name, authorization) => {
    const before = logLines.length;
    const res = await post(await authorization());
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: "Unauthorized." });
    const lines = logLines.slice(before);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ msg: "request rejected", status: 401 });
    expect(JSON.stringify(lines[0])).not.toMatch(/\n\s+at /);
  });
});

describe("NODE_ENV=production", () => {
  it("refuses to start without Bot Framework credentials, saying why", () => {
    expect(() => loadConfig({ NODE_ENV: "production", KNOWLEDGE_DIR }, listComuni)).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: "production", KNOWLEDGE_DIR }, listComuni)).toThrow(/MicrosoftAppId and MicrosoftAppPassword are empty/);
  });

  it.each(["Production", "PRODUCTION", "production ", " prod", "Prod"])("reads %j as production, refusing to start open", (value) => {
    expect(() => loadConfig({ NODE_ENV: value, KNOWLEDGE_DIR }, listComuni)).toThrow(/MicrosoftAppId and MicrosoftAppPassword are empty/);
    const withCredentials = loadConfig({ NODE_ENV: value, KNOWLEDGE_DIR, MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x" }, listComuni);
    expect(withCredentials.production).toBe(true);
  });

  it.each(["prd", "staging", "production1", "live"])("stops start-up on NODE_ENV=%j, naming the setting", (value) => {
    expect(() => loadConfig({ NODE_ENV: value, KNOWLEDGE_DIR }, listComuni)).toThrow(ConfigError);
    expect(() => loadConfig({ NODE_ENV: value, KNOWLEDGE_DIR }, listComuni)).toThrow(/^NODE_ENV must be production \(or prod\), development, test or empty/);
  });

  it.each([undefined, "", "development", " Test "])("starts open for local use with NODE_ENV=%j", (value) => {
    const config = loadConfig({ ...(value === undefined ? {} : { NODE_ENV: value }), KNOWLEDGE_DIR }, listComuni);
    expect(config).toMatchObject({ production: false, openMode: true });
  });
});

describe("when the channel's OpenID metadata cannot be fetched", () => {
  it("answers a well-formed token with 401, not a 500 naming the failed lookup", async () => {
    const logger = pino({ level: "silent" });
    const { turns, knowledge } = comuneTurns(KNOWLEDGE_DIR, "mezzago", i18n, logger);
    const credentials = { MicrosoftAppId: APP_ID, MicrosoftAppPassword: "x", MicrosoftAppType: "MultiTenant", MicrosoftAppTenantId: "" };
    const host = createBotbuilderHost({
      auth: credentials,
      authSettings: { ToBotFromChannelOpenIdMetadataUrl: "http://127.0.0.1:9/.well-known/openid-configuration", ToBotFromChannelTokenIssuer: ISSUER },
      runTurn: turns.run,
      logger,
    });
    const unreachable = createServer({ host, knowledge, logger, openMode: false });
    await new Promise<void>((resolve) => unreachable.listen(0, "127.0.0.1", resolve));
    try {
      const res = await fetch(`http://127.0.0.1:${(unreachable.address() as AddressInfo).port}/api/messages`, {
        method: "POST",
        headers: { "content-type": "application/json", authorization: `Bearer ${await token(signingKey)}` },
        body: JSON.stringify(activity),
      });
      expect(res.status).toBe(401);
      expect(await res.text()).not.toMatch(/ECONNREFUSED|ENOTFOUND|127\.0\.0\.1|getaddrinfo/);
    } finally {
      await new Promise<void>((resolve) => unreachable.close(() => resolve()));
    }
  });
});
