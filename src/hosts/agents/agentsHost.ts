import { Activity } from "@microsoft/agents-activity";
import type { Request, TurnContext } from "@microsoft/agents-hosting";
import type { InboundActivity, OutgoingActivity } from "../../channels/activity.js";
import type { AppConfig } from "../../config.js";
import { UnauthorizedRequest, type HttpTurnResult, type MessagingHost, type SendActivities, type TurnLogic } from "../messagingHost.js";
import { agentsAuthConfiguration, type AgentsTestSettings } from "./agentsAuthConfiguration.js";
import { CapturedResponse } from "./capturedResponse.js";
import { RepliesInBodyCloudAdapter } from "./repliesInBodyCloudAdapter.js";

export type { AgentsTestSettings } from "./agentsAuthConfiguration.js";

export interface AgentsHostOptions {
  /** the bot's Azure credentials, as the botbuilder host reads them; an empty MicrosoftAppId is open (local) mode */
  readonly auth: AppConfig["botAuth"];
  /** tests only: a local key server and issuer instead of Microsoft's */
  readonly testSettings?: AgentsTestSettings;
  readonly runTurn: TurnLogic;
  /**
   * what to tell the user when the turn (or sending its replies) failed; without it the error
   * reaches the HTTP layer
   */
  readonly onTurnError?: (activity: InboundActivity, error: Error) => Promise<readonly OutgoingActivity[]>;
}

/** Where a turn keeps its inbound activity for the adapter's turn-error handler. */
const INBOUND = Symbol("inbound activity");

/** The longest rejection reason handed to the log. */
const MAX_REASON = 160;

/**
 * A host on the Microsoft 365 Agents SDK (@microsoft/agents-hosting): the request is authenticated
 * by the SDK's own JWT middleware, the turn runs in the SDK's CloudAdapter and TurnContext, and the
 * replies go back through that context: in the response body for deliveryMode expectReplies, else
 * posted to the channel's serviceUrl.
 */
export function createAgentsHost(options: AgentsHostOptions): MessagingHost {
  const adapter = new RepliesInBodyCloudAdapter(agentsAuthConfiguration(options.auth, options.testSettings), undefined, undefined, {
    // botbuilder refuses a token issued for another serviceUrl; the SDK only logs it unless told to.
    validateServiceUrl: true,
    emitStackTrace: false,
  });
  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    const inbound: unknown = context.turnState.get(INBOUND);
    if (!options.onTurnError || !isInbound(inbound)) throw error;
    await sendReplies(context, await options.onTurnError(inbound, error));
  };

  return {
    async handleActivity(authHeader: string, activity: InboundActivity): Promise<HttpTurnResult> {
      const body = requestBody(activity);
      const request: Request = { method: "POST", headers: authHeader === "" ? {} : { authorization: authHeader }, body };
      await authenticate(adapter, request);
      const response = new CapturedResponse();
      let turnStarted = false;
      try {
        await adapter.process(request, response, async (context) => {
          turnStarted = true;
          context.turnState.set(INBOUND, activity);
          await runTurn(options.runTurn, activity, (replies) => sendReplies(context, replies));
        });
      } catch (error) {
        if (!turnStarted && isSchemaRefusal(error)) return { status: 400, body: { error: "The activity does not follow the Activity schema." } };
        throw error;
      }
      return response.body === undefined ? { status: response.statusCode } : { status: response.statusCode, body: wireBody(response.body) };
    },
  };
}

/**
 * The SDK's authorizeJWT middleware on the request (its bearer token checked against the keys of the
 * token's issuer, the audience, expiry, issuer and tenant), or anonymous when the bot has no
 * credentials and no token is sent. Every refusal, and every failure to decide, is an UnauthorizedRequest.
 */
async function authenticate(adapter: RepliesInBodyCloudAdapter, request: Request): Promise<void> {
  const refusal = new CapturedResponse();
  let authorized = false;
  try {
    await adapter.authorizeRequest(request, refusal, (error?: unknown) => {
      authorized = error === undefined;
    });
  } catch (error) {
    throw new UnauthorizedRequest(error instanceof Error ? error.name : "AuthenticationError");
  }
  if (!authorized) throw new UnauthorizedRequest(reasonOf(refusal.body));
}

/** The middleware's own one-line reason (`jwt expired`, `invalid signature`…), made safe for one log line. */
function reasonOf(body: unknown): string {
  const reason = typeof body === "object" && body !== null && "jwt-auth-error" in body ? body["jwt-auth-error"] : undefined;
  if (typeof reason !== "string" || reason.trim() === "") return "Unauthorized";
  return reason.replace(/\p{C}+/gu, " ").trim().slice(0, MAX_REASON);
}

/**
 * What the SDK is given as the request's body: a copy, since it rewrites the body in place
 * (relatesTo.bot becomes relatesTo.agent: activityWireCompat.ts, the only change it makes), without
 * empty strings (see withoutEmptyStrings). The copy is made while dropping them: a structuredClone of
 * every activity cost more than the rest of the host.
 */
function requestBody(activity: InboundActivity): Record<string, unknown> {
  return withoutEmptyStrings(activity as unknown as Record<string, unknown>);
}

/**
 * The SDK parses every activity with its zod schema before the turn (CloudAdapter.process), stricter
 * than the wire format in places (no empty `locale`), and throws the schema's ZodError when it does not
 * fit: thrown before the turn started, that is a request to answer 400. Checking the activity first
 * would parse it twice, and one parse costs more than the rest of the host's work on a turn.
 */
function isSchemaRefusal(error: unknown): boolean {
  return error instanceof Error && error.name === "ZodError";
}

/**
 * The activity without its empty strings. The SDK's schema wants every optional string it knows
 * non-empty (`conversation.name: ""`, `locale: ""`), where botbuilder and the channels let them be
 * empty: an empty optional field says nothing, so both hosts accept the same activities.
 */
function withoutEmptyStrings<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => withoutEmptyStrings(item)) as T;
  if (typeof value !== "object" || value === null) return value;
  const kept: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value)) if (field !== "") kept[key] = withoutEmptyStrings(field);
  return kept as T;
}

/** The turn logic, with anything it throws made an Error: the SDK hands only Errors to onTurnError. */
async function runTurn(logic: TurnLogic, activity: InboundActivity, send: SendActivities): Promise<void> {
  try {
    await logic(activity, send);
  } catch (error) {
    throw error instanceof Error ? error : new Error(`The turn failed with a ${typeof error}.`);
  }
}

/**
 * Activities, in order, through the turn's context: buffered for expectReplies, else posted to the channel.
 * The context parses each one with the SDK's schema into a new Activity (TurnContext.sendActivities), so
 * the replies are neither parsed nor copied deeply here: an Activity carrying their fields is what it takes.
 */
async function sendReplies(context: TurnContext, replies: readonly OutgoingActivity[]): Promise<void> {
  if (replies.length === 0) return;
  await context.sendActivities(replies.map((reply) => Object.assign(new Activity(reply.type), reply)));
}

/**
 * The response body as JSON on the wire. The SDK answers expectReplies with its Activity objects,
 * whose channelId is a getter over `_channelId`: serialised as they are, they would carry `_channelId`
 * and no `channelId`. Each is written as Activity.toJsonString writes it (its own fields, `channelId`
 * for `_channelId`), without the round trip through a string: the HTTP layer serialises the body.
 */
function wireBody(body: unknown): unknown {
  if (typeof body !== "object" || body === null || !("activities" in body) || !Array.isArray(body.activities)) return body;
  return { ...body, activities: body.activities.map((activity: unknown) => (activity instanceof Activity ? wireActivity(activity) : activity)) };
}

function wireActivity(activity: Activity): Record<string, unknown> {
  const fields: Record<string, unknown> = { ...activity };
  delete fields._channelId;
  fields.channelId = activity.channelIdChannel;
  return fields;
}

function isInbound(value: unknown): value is InboundActivity {
  return typeof value === "object" && value !== null && "type" in value && "conversation" in value;
}
