import type { InboundActivity } from "../channels/activity.js";

/**
 * Hands a conversation to the page's human staff (on Messenger: the Page Inbox, through the
 * Handover Protocol). Injected, so that tests and channels without staff inboxes can pass their own.
 */
export interface StaffHandover {
  /** Whether this conversation could be handed over at all (channel, identifiers, settings). */
  canPassToStaff(activity: Partial<InboundActivity>): boolean;
  /** True when the conversation was handed over; false when it could not be. */
  passToStaff(activity: Partial<InboundActivity>): Promise<boolean>;
}

/** For channels with no staff inbox (the website widget, the ask command). */
export const noStaffHandover: StaffHandover = { canPassToStaff: () => false, passToStaff: async () => false };
