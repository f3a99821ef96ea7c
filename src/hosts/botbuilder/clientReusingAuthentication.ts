import { ConfigurationBotFrameworkAuthentication, type Activity } from "botbuilder";
import type { AuthenticateRequestResult, ClaimsIdentity, ConnectorClient, ConnectorFactory, UserTokenClient } from "botframework-connector";
import { ReusedClients } from "./reusedClients.js";

/**
 * botbuilder's standard authentication (ConfigurationBotFrameworkAuthentication: the same checks of
 * every request), whose connector and user-token clients are built once per app id, service URL and
 * audience instead of once per turn (see ReusedClients). Those two clients cost more than the rest of
 * the SDK's work on a turn; a turn answered in the response body never uses either.
 */
export class ClientReusingAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly connectors = new ReusedClients<ConnectorClient>();
  private readonly userTokens = new ReusedClients<UserTokenClient>();

  override async authenticateRequest(activity: Activity, authHeader: string): Promise<AuthenticateRequestResult> {
    const result = await super.authenticateRequest(activity, authHeader);
    const made = result.connectorFactory;
    if (!made) return result;
    const appId = appIdOf(result.claimsIdentity);
    const connectorFactory: ConnectorFactory = {
      create: (serviceUrl: string, audience?: string) => this.connectors.get(JSON.stringify([appId, serviceUrl, audience ?? null]), () => made.create(serviceUrl, audience)),
    };
    return { ...result, connectorFactory };
  }

  override createUserTokenClient(claimsIdentity: ClaimsIdentity): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claimsIdentity), () => super.createUserTokenClient(claimsIdentity));
  }
}

/**
 * The app id the SDK builds both clients for (botframework-connector's getAppId): a channel's token
 * names it as its audience, the Emulator's in its appid claim; anonymous requests have neither.
 */
function appIdOf(claimsIdentity: ClaimsIdentity): string {
  return claimsIdentity.getClaimValue("aud") ?? claimsIdentity.getClaimValue("appid") ?? "";
}
