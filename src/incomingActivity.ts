import { z } from "zod";

const optionalString = z.string().optional();
const account = z.looseObject({ id: z.string().max(512), name: z.string().max(512).optional() });

/**
 * The shape an activity must have before it reaches the Bot Framework adapter. The adapter trusts
 * its input (a numeric serviceUrl makes it throw deep inside), so anything else is a 400 here.
 * Unknown fields pass through untouched: channels add their own.
 */
const incomingActivitySchema = z.looseObject({
  type: z.string().min(1).max(64),
  id: optionalString,
  text: optionalString,
  locale: optionalString,
  channelId: optionalString,
  serviceUrl: z.string().max(2048).optional(),
  deliveryMode: optionalString,
  conversation: z.looseObject({ id: z.string().min(1).max(1024) }).optional(),
  from: account.optional(),
  recipient: account.optional(),
  membersAdded: z.array(account).max(100).optional(),
  membersRemoved: z.array(account).max(100).optional(),
  attachments: z.array(z.looseObject({ contentType: z.string() })).max(50).optional(),
  name: optionalString,
});

/** Undefined when the body is an acceptable activity; otherwise a short reason for the 400 body. */
export function rejectionOf(body: unknown): string | undefined {
  const result = incomingActivitySchema.safeParse(body);
  if (result.success) return undefined;
  const issue = result.error.issues[0];
  return `The activity is malformed at '${issue?.path.join(".") || "(body)"}'.`;
}
