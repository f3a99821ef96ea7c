import { z } from "zod";

const optionalString = z.string().optional();
/** Ids that become state keys and log fields: bounded, and nothing a terminal or a log viewer would interpret. */
const printableId = z.string().regex(/^\P{C}{1,512}$/u, "must be 1 to 512 printable characters");
const account = z.looseObject({ id: printableId, name: z.string().max(512).optional() });

/**
 * The shape an activity must have before it reaches the Bot Framework adapter. The adapter trusts
 * its input (a numeric serviceUrl makes it throw deep inside), so anything else is a 400 here.
 * channelId and conversation.id make the state key, so both are required and bounded.
 * Unknown fields pass through untouched: channels add their own.
 */
const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: optionalString,
  text: optionalString,
  locale: optionalString,
  channelId: z.string().regex(/^[a-z0-9_-]{1,64}$/, "must be 1 to 64 lowercase letters, digits, '_' or '-'"),
  serviceUrl: z.string().max(2048).optional(),
  deliveryMode: optionalString,
  conversation: z.looseObject({ id: printableId }),
  from: account.optional(),
  recipient: account.optional(),
  membersAdded: z.array(account).max(100).optional(),
  membersRemoved: z.array(account).max(100).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).max(50).optional(),
  name: optionalString,
});

type IncomingActivity = z.infer<typeof incomingActivitySchema>;

/**
 * Undefined when the body is an acceptable activity; otherwise a short reason for the 400 body.
 * In open mode (no credentials, so nobody is authenticated) the bot must not be made to post to an
 * address a stranger chooses: only replies in the response body (expectReplies) or a serviceUrl on
 * this machine are accepted.
 */
export function rejectionOf(body: unknown, options: { readonly openMode: boolean }): string | undefined {
  const result = incomingActivitySchema.safeParse(body);
  if (!result.success) {
    const issue = result.error.issues[0];
    return `The activity is malformed at '${issue?.path.join(".") || "(body)"}'.`;
  }
  if (options.openMode && !repliesStayLocal(result.data)) {
    return "Without Bot Framework credentials the bot only answers with deliveryMode 'expectReplies' or to a serviceUrl on localhost.";
  }
  return undefined;
}

function repliesStayLocal(activity: IncomingActivity): boolean {
  return activity.deliveryMode === "expectReplies" || (activity.serviceUrl !== undefined && isLoopbackUrl(activity.serviceUrl));
}

/** True for an http(s) address on this machine: localhost, 127.0.0.0/8 or [::1]. */
export function isLoopbackUrl(text: string): boolean {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return false;
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") return false;
  // WHATWG URL parsing has already turned 0x7f.1, 2130706433 and the like into dotted decimal.
  return url.hostname === "localhost" || url.hostname === "[::1]" || /^127(\.\d{1,3}){3}$/.test(url.hostname);
}
