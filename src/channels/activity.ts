/**
 * The Bot Framework activity as JSON, as far as this bot reads or writes it. The schema is a wire
 * format (docs: "Bot Framework Activity schema"), so it is described here rather than imported from an
 * SDK: the conversation core and the renderers stay free of `botbuilder` and of its successor, and
 * each host maps its own activity class to and from these shapes.
 */
export interface ChannelAccount {
  readonly id: string;
  readonly name?: string;
  readonly role?: string;
}

export interface ConversationAccount {
  readonly id: string;
  readonly name?: string;
  readonly isGroup?: boolean;
  readonly conversationType?: string;
}

/** An activity as a channel sends it to the bot. Only `type`, `channelId` and `conversation.id` are always there. */
export interface InboundActivity {
  readonly type: string;
  readonly id?: string;
  readonly channelId: string;
  readonly conversation: ConversationAccount;
  readonly text?: string;
  readonly locale?: string;
  readonly serviceUrl?: string;
  readonly from?: ChannelAccount;
  readonly recipient?: ChannelAccount;
  readonly membersAdded?: readonly ChannelAccount[];
  readonly name?: string;
  readonly value?: unknown;
  readonly channelData?: unknown;
  readonly deliveryMode?: string;
}

/** A button or suggested reply of an outgoing activity. */
export interface CardAction {
  readonly type: "imBack" | "openUrl" | "call";
  readonly title: string;
  readonly value: string;
}

export interface HeroCardAttachment {
  readonly contentType: "application/vnd.microsoft.card.hero";
  readonly content: { readonly title: string; readonly images: never[]; readonly buttons: CardAction[] };
}

/** What the bot sends: a message with text, cards and suggested replies, already rendered for its channel. */
export interface OutgoingActivity {
  type: "message";
  text?: string;
  textFormat?: "markdown" | "plain";
  attachments?: HeroCardAttachment[];
  attachmentLayout?: "carousel" | "list";
  suggestedActions?: { to: string[]; actions: CardAction[] };
}
