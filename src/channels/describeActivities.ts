
import { plainText } from "./plainText.js";

/** An activity as it arrives in a response body or a transcript: JSON, any of its fields possibly absent. */
export interface DescribedActivity {
  readonly type?: string;
  readonly text?: string;
  readonly textFormat?: string;
  readonly attachments?: ReadonlyArray<{ readonly content?: unknown }>;
  readonly suggestedActions?: { readonly actions: ReadonlyArray<{ readonly title: string }> };
}

/**
 * Everything a person would see in a set of activities, as plain text: the message text (markdown
 * read as a person reads it rendered), card texts, and every button with its number or link. The
 * ask command and the scorer read this.
 */
export function describeActivities(activities: readonly DescribedActivity[]): string {
  const parts: string[] = [];
  for (const activity of activities) {
    if (activity.type !== "message") continue;
    if (activity.text) parts.push(activity.textFormat === "markdown" ? plainText(activity.text) : activity.text);
    for (const attachment of activity.attachments ?? []) parts.push(...describeAttachment(attachment));
    const actions = activity.suggestedActions?.actions ?? [];
    if (actions.length > 0) parts.push(actions.map((a) => `[${a.title}]`).join(" "));
  }
  return parts.join("\n");
}

function describeAttachment(attachment: { readonly content?: unknown }): string[] {
  const content = attachment.content as { title?: string; text?: string; buttons?: Array<{ title: string; value: unknown }> } | undefined;
  if (!content) return [];
  const parts: string[] = [];
  if (content.title) parts.push(content.title);
  if (content.text) parts.push(content.text);
  for (const button of content.buttons ?? []) parts.push(`[${button.title}: ${String(button.value).replace(/^(tel|mailto):/, "")}]`);
  return parts;
}
