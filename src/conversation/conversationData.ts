import type { Language } from "../text/stemWord.js";

/** What the bot remembers about one conversation. */
export interface ConversationData {
  /** the welcome was sent (conversationUpdate), so no disclosure line is needed */
  welcomed?: boolean;
  /** the one-line "automated assistant" disclosure was sent */
  disclosed?: boolean;
  /** language the citizen chose explicitly ("in inglese") */
  language?: Language;
  /** entry that answered last, for follow-ups */
  lastEntry?: string;
  /** the temporary notice of the profile was shown */
  noticeShown?: boolean;
  /** the reminder not to share personal data was given */
  privacyReminded?: boolean;
  /** staff have the conversation (Messenger handover): the bot stays silent until it is returned */
  handover?: { since: string };
}
