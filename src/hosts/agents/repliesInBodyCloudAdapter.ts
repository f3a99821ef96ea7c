import { CloudAdapter } from "@microsoft/agents-hosting";
import type { Activity } from "@microsoft/agents-activity";

/**
 * The Agents SDK's CloudAdapter, except that a turn whose replies go back in the response body
 * (deliveryMode expectReplies) gets no connector client. The SDK builds one whenever the activity has
 * a serviceUrl (cloudAdapter.ts, resolveIfConnectorClientIsNeeded), and with credentials that means
 * asking Entra for a token, before the turn, for a client the turn never uses: botbuilder asks only
 * when a reply is posted.
 */
export class RepliesInBodyCloudAdapter extends CloudAdapter {
  protected override resolveIfConnectorClientIsNeeded(activity: Activity): boolean {
    return activity.deliveryMode !== "expectReplies" && super.resolveIfConnectorClientIsNeeded(activity);
  }
}
