import autocannon, { type RequestStep } from "autocannon";
import { benchActivity, hasReplies } from "./benchActivity.js";
import type { BenchMessage } from "./messages.js";

export interface LoadOptions {
  readonly durationSeconds: number;
  readonly connections: number;
  readonly messages: readonly BenchMessage[];
  /** messages each conversation sends, one after the other on one connection */
  readonly turnsPerConversation: number;
  /** keeps conversation ids of different runs apart */
  readonly runId: string;
}

export interface LoadResult {
  readonly seconds: number;
  readonly turnsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  readonly answered: number;
  readonly conversations: number;
  /** 2xx responses whose body carried no reply activity */
  readonly withoutReply: number;
  readonly non2xx: number;
  readonly errors: number;
}

/**
 * Drives POST /api/messages with autocannon. Every connection plays conversations of
 * `turnsPerConversation` messages, each conversation with a new id and the next messages of the mix,
 * so that no conversation is hammered (a per-conversation rate limit must not shape the figures).
 */
export async function runLoad(baseUrl: string, options: LoadOptions): Promise<LoadResult> {
  let sequence = 0;
  let conversations = 0;
  let withoutReply = 0;
  const step = (turn: number): RequestStep => ({
    method: "POST",
    path: "/api/messages",
    headers: { "content-type": "application/json" },
    setupRequest: (request, context) => {
      if (turn === 0) context.conversationId = `${options.runId}-${++conversations}`;
      const message = options.messages[sequence % options.messages.length]!;
      sequence++;
      return { ...request, body: JSON.stringify(benchActivity(message, String(context.conversationId), sequence)) };
    },
    onResponse: (status, body) => {
      if (status >= 200 && status < 300 && !hasReplies(body)) withoutReply++;
    },
  });
  const result = await autocannon({
    url: baseUrl,
    connections: options.connections,
    duration: options.durationSeconds,
    timeout: 10,
    requests: Array.from({ length: options.turnsPerConversation }, (_, turn) => step(turn)),
  });
  const answered = result["2xx"];
  return {
    seconds: result.duration,
    turnsPerSecond: answered / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    answered,
    conversations,
    withoutReply,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}
