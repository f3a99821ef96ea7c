/**
 * The Graph API version the calls use unless GRAPH_API_BASE_URL says otherwise: v24.0, released
 * 8 October 2025, the newest one named by the Meta developer pages read when this was written.
 * Meta keeps a version for about two years; move the default forward when it is retired.
 */
export const DEFAULT_GRAPH_API_BASE_URL = "https://graph.facebook.com/v24.0";

/** How to reach the Graph API; tests stand a local server in for it through `baseUrl`. */
export interface GraphApiOptions {
  /** the Page access token; it goes in the query string, as the Messenger docs show, and nowhere else */
  readonly accessToken: string;
  readonly baseUrl?: string;
  /** give up after this many milliseconds (default 10 s) */
  readonly timeoutMs?: number;
}

/** A Graph API call that failed; its message never contains the access token. */
export class GraphApiError extends Error {
  override readonly name = "GraphApiError";
  constructor(message: string, readonly status?: number) {
    super(message);
  }
}

/** POSTs a JSON body to a Graph API path such as "/me/messenger_profile" and returns the answer. */
export async function postToGraph(path: string, body: unknown, options: GraphApiOptions): Promise<unknown> {
  if (!options.accessToken) throw new GraphApiError(`${path}: the Page access token is empty.`);
  const url = new URL(`${(options.baseUrl ?? DEFAULT_GRAPH_API_BASE_URL).replace(/\/+$/, "")}${path}`);
  url.searchParams.set("access_token", options.accessToken);
  let response: Response;
  try {
    response = await fetch(url, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
  } catch (error) {
    // fetch's own message may quote the URL, and with it the token: keep only its kind.
    const reason = error instanceof Error && error.name === "TimeoutError" ? "no answer in time" : "could not connect";
    throw new GraphApiError(`${path}: ${reason} (${url.origin}).`);
  }
  const text = await response.text();
  const answer = parseJson(text);
  if (!response.ok) {
    const detail = (graphErrorMessage(answer) ?? "no error message").split(options.accessToken).join("[token]");
    throw new GraphApiError(`${path}: the Graph API answered ${response.status} (${detail})`, response.status);
  }
  return answer;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

function graphErrorMessage(answer: unknown): string | undefined {
  if (typeof answer !== "object" || answer === null || !("error" in answer)) return undefined;
  const error: unknown = answer.error;
  return typeof error === "object" && error !== null && "message" in error && typeof error.message === "string" ? error.message : undefined;
}
