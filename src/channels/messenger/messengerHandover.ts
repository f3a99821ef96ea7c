import type { InboundActivity } from "../activity.js";
import type { StaffHandover } from "../../conversation/handover.js";
import type { GraphApiOptions } from "./graphApi.js";
import { passThreadControl, psidOf } from "./handover.js";

/**
 * Staff handover on Messenger: passes thread control to the Page Inbox with the page token. The
 * metadata says only that the bot handed over; never what the citizen wrote.
 */
export function messengerStaffHandover(options: GraphApiOptions, onError: (error: Error) => void): StaffHandover {
  const canPassToStaff = (activity: Partial<InboundActivity>) =>
    activity.channelId === "facebook" && psidOf(activity) !== undefined && options.accessToken !== "";
  return {
    canPassToStaff,
    async passToStaff(activity: Partial<InboundActivity>): Promise<boolean> {
      const psid = psidOf(activity);
      if (!canPassToStaff(activity) || !psid) return false;
      try {
        await passThreadControl(psid, "handover requested by the citizen through the bot", options);
        return true;
      } catch (error) {
        onError(error as Error);
        return false;
      }
    },
  };
}
