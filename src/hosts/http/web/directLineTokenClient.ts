/** Where the Direct Line service is and the secret that lets the bot ask it for tokens. */
export interface DirectLineService {
  readonly baseUrl: string;
  readonly secret: string;
  /** how long to wait for the service before giving up */
  readonly timeoutMs: number;
}

/** A token for one conversation, as the Direct Line service issues it. */
export interface DirectLineToken {
  readonly token: string;
  readonly conversationId?: string;
  readonly expires_in: number;
}

/** The Direct Line service did not give a token; `reason` says why, without any secret or token. */
export class DirectLineServiceError extends Error {
  override readonly name = "DirectLineServiceError";
  constructor(
    readonly reason: "timeout" | "unreachable" | "refused" | "malformed",
    readonly upstreamStatus?: number,
  ) {
    super(`Direct Line token request failed: ${reason}${upstreamStatus ? ` (HTTP ${upstreamStatus})` : ""}`);
  }
}

/**
 * Exchanges the Direct Line secret for a token bound to `userId` (POST {base}/v3/directline/tokens/generate),
 * so that the user id cannot be forged by the page and the secret never leaves the server.
 */
export async function generateDirectLineToken(service: DirectLineService, userId: string): Promise<DirectLineToken> {
  let response: Response;
  try {
    response = await fetch(`${service.baseUrl}/v3/directline/tokens/generate`, {
      method: "POST",
      headers: { authorization: `Bearer ${service.secret}`, "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ user: { id: userId } }),
      signal: AbortSignal.timeout(service.timeoutMs),
      redirect: "error",
    });
  } catch (error) {
    const name = (error as Error).name;
    throw new DirectLineServiceError(name === "TimeoutError" || name === "AbortError" ? "timeout" : "unreachable");
  }
  if (!response.ok) {
    await response.body?.cancel();
    throw new DirectLineServiceError("refused", response.status);
  }
  let body: unknown;
  try {
    body = await response.json();
  } catch (error) {
    throw new DirectLineServiceError((error as Error).name === "TimeoutError" ? "timeout" : "malformed");
  }
  const { token, conversationId, expires_in } = (body ?? {}) as Record<string, unknown>;
  if (typeof token !== "string" || token === "" || typeof expires_in !== "number") throw new DirectLineServiceError("malformed");
  return { token, expires_in, ...(typeof conversationId === "string" ? { conversationId } : {}) };
}
