import { AuthType, type AuthConfiguration } from "@microsoft/agents-hosting";
import type { AppConfig } from "../../config.js";

/** The Agents SDK's name for the one connection this host configures. */
const CONNECTION = "serviceConnection";

/**
 * Where a test's own keys and issuer replace Microsoft's. The Agents SDK reads no OpenID metadata:
 * it takes the signing keys of any issuer other than Azure Bot Service's from
 * `<authorityEndpoint>/discovery/v2.0/keys` (jwt-middleware.ts, buildJwksUri).
 */
export interface AgentsTestSettings {
  /** e.g. `http://127.0.0.1:<port>/<tenant>`: keys are read from `<authorityEndpoint>/discovery/v2.0/keys` */
  readonly authorityEndpoint: string;
  /** the only issuer accepted besides Microsoft's own first-party ones */
  readonly issuer: string;
}

/**
 * The Agents SDK's settings for the bot's Azure credentials, from the same Microsoft* settings the
 * botbuilder host reads: MicrosoftAppId is the SDK's clientId (empty: anonymous, local use only),
 * MicrosoftAppPassword its clientSecret; a MultiTenant bot has no tenant of its own (the SDK then uses
 * botframework.com, as botbuilder does), a SingleTenant or UserAssignedMSI bot its MicrosoftAppTenantId.
 *
 * The connection is given explicitly, so that the SDK's own environment variables (`clientId`,
 * `Connections__*`) are never read in its place; issuers are checked, which the SDK leaves off by default.
 */
export function agentsAuthConfiguration(auth: AppConfig["botAuth"], testSettings?: AgentsTestSettings): AuthConfiguration {
  const open = auth.MicrosoftAppId === "";
  const tenantId = auth.MicrosoftAppType === "MultiTenant" || auth.MicrosoftAppTenantId === "" ? undefined : auth.MicrosoftAppTenantId;
  const connection: AuthConfiguration = {
    clientId: open ? undefined : auth.MicrosoftAppId,
    clientSecret: open || auth.MicrosoftAppType === "UserAssignedMSI" ? undefined : auth.MicrosoftAppPassword,
    tenantId,
    authType: auth.MicrosoftAppType === "UserAssignedMSI" ? AuthType.UserManagedIdentity : open ? undefined : AuthType.ClientSecret,
    validateIssuer: !open,
    ...(testSettings ? { authorityEndpoint: testSettings.authorityEndpoint, issuers: [testSettings.issuer] } : {}),
  };
  return {
    ...connection,
    connections: new Map([[CONNECTION, connection]]),
    connectionsMap: [{ serviceUrl: "*", connection: CONNECTION }],
  };
}
