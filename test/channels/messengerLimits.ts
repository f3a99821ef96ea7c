import type { Activity, CardAction } from "botbuilder";
import { hasMarkdown } from "../../src/channels/plainText.js";

/** Messenger's limits as the issue states them; the renderer's own table may be stricter. */
export const LIMITS = { text: 2000, quickReplies: 11, quickReplyTitle: 20, cardButtons: 3, buttonTitle: 20, cardText: 640 };

const ADAPTIVE = "application/vnd.microsoft.card.adaptive";

/** Every way the activities break a Messenger limit, as readable lines; empty when they fit. */
export function messengerViolations(activities: ReadonlyArray<Partial<Activity>>): string[] {
  const problems: string[] = [];
  activities.forEach((activity, i) => {
    const where = `activity ${i + 1}`;
    const text = activity.text ?? "";
    if (text.length > LIMITS.text) problems.push(`${where}: text of ${text.length} characters`);
    if (hasMarkdown(text)) problems.push(`${where}: markdown in ${JSON.stringify(text.slice(0, 80))}`);
    const attachments = activity.attachments ?? [];
    if (attachments.length > 0 && text.length > LIMITS.cardText) problems.push(`${where}: ${text.length} characters beside buttons`);
    for (const attachment of attachments) {
      if (attachment.contentType === ADAPTIVE) problems.push(`${where}: Adaptive Card`);
      const card = attachment.content as { title?: string; text?: string; buttons?: CardAction[] } | undefined;
      if ((card?.text ?? "").length > LIMITS.cardText) problems.push(`${where}: card text of ${card?.text?.length} characters`);
      if (!card?.title) problems.push(`${where}: card without a title`);
      const buttons = card?.buttons ?? [];
      if (buttons.length > LIMITS.cardButtons) problems.push(`${where}: ${buttons.length} buttons on one card`);
      for (const button of buttons) problems.push(...buttonProblems(where, button));
    }
    const quick = activity.suggestedActions?.actions ?? [];
    if (quick.length > LIMITS.quickReplies) problems.push(`${where}: ${quick.length} quick replies`);
    if (quick.length > 0 && i !== activities.length - 1) problems.push(`${where}: quick replies before the last message`);
    for (const action of quick) {
      if (action.title.length > LIMITS.quickReplyTitle) problems.push(`${where}: quick reply "${action.title}" is too long`);
    }
  });
  return problems;
}

function buttonProblems(where: string, button: CardAction): string[] {
  const problems: string[] = [];
  const value = String(button.value);
  if (button.title.length > LIMITS.buttonTitle) problems.push(`${where}: button "${button.title}" is too long`);
  if (/^mailto:/i.test(value)) problems.push(`${where}: mailto button ${value}`);
  const isCall = /^tel:/i.test(value);
  if (isCall && !/^tel:\+\d{6,}$/.test(value)) problems.push(`${where}: call button without a + number: ${value}`);
  if (!isCall && !/^https?:\/\//i.test(value)) problems.push(`${where}: button to a non-http(s) link: ${value}`);
  if (button.type !== "openUrl") problems.push(`${where}: button of type ${button.type}`);
  return problems;
}
