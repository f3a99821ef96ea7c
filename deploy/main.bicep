// Comune social bot on Azure: App Service (Linux, Node 20) running the bot, an Azure Bot registration pointing at it
// with the Direct Line and Facebook channels, and a storage account whose blob container holds conversation state,
// so that several instances can serve the same conversations.
//
//   az deployment group create --resource-group <rg> --template-file deploy/main.bicep --parameters @deploy/main.parameters.json
//
// Resource shapes follow the Bot Framework samples' deployment templates (template-BotApp-with-rg.json,
// template-AzureBot-with-rg.json) and the Microsoft.BotService 2022-09-15 schema. Secrets arrive as secure
// parameters (or Key Vault references in the parameters file) and end up only in App Service settings and in
// the Bot Service channel configuration: never in this repository.

@description('Location of the App Service plan, web app and storage account.')
param location string = resourceGroup().location

@description('Globally unique name of the web app: the bot answers at https://<appServiceName>.azurewebsites.net/api/messages.')
param appServiceName string

@description('Name of the App Service plan.')
param appServicePlanName string = '${appServiceName}-plan'

@description('App Service plan SKU. B1 allows up to 3 instances, S1 up to 10 (and deployment slots).')
param appServicePlanSku string = 'B1'

@description('Number of instances. More than one needs the shared blob state this template configures.')
@minValue(1)
param instanceCount int = 1

@description('Which comune this deployment serves (a folder of knowledge/).')
param comune string

@description('pino log level.')
@allowed(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
param logLevel string = 'info'

@description('Globally unique, immutable id of the Azure Bot resource (also its display name).')
param azureBotId string

@description('Pricing tier of the Bot Service registration.')
@allowed(['F0', 'S1'])
param azureBotSku string = 'S1'

@description('Where the Bot Service keeps its data: global, or westeurope to keep it in the EU (check that every channel you need is offered for regional bots first).')
@allowed(['global', 'westeurope'])
param azureBotRegion string = 'global'

@description('Type of Bot Framework authentication, set as MicrosoftAppType.')
@allowed(['MultiTenant', 'SingleTenant', 'UserAssignedMSI'])
param appType string = 'SingleTenant'

@description('Microsoft Entra app (client) id, or the client id of the user-assigned managed identity: set as MicrosoftAppId.')
param appId string

@description('Client secret of the app, set as MicrosoftAppPassword. Required for MultiTenant and SingleTenant.')
@secure()
param appSecret string = ''

@description('Tenant of the app, set as MicrosoftAppTenantId. Used by SingleTenant and UserAssignedMSI.')
param tenantId string = subscription().tenantId

@description('Resource id of the user-assigned managed identity (UserAssignedMSI only).')
param msaAppMSIResourceId string = ''

@description('Direct Line secret of the website widget, set as DIRECT_LINE_SECRET. Only the Bot Service creates it: leave it empty on the first deployment, then pass the key of the Direct Line "Default Site" (see README, Deployment).')
@secure()
param directLineSecret string = ''

@description('Origins, besides the bot\'s own, whose pages may open the chat: the comune website, e.g. https://www.comune.cento.fe.it.')
param extraAllowedOrigins array = []

@description('Facebook app id (Meta for Developers). Empty: no Facebook channel.')
param facebookAppId string = ''

@description('Facebook app secret.')
@secure()
param facebookAppSecret string = ''

@description('Id of the comune\'s Facebook page.')
param facebookPageId string = ''

@description('Page access token of that page: used by the Facebook channel and, as FACEBOOK_PAGE_ACCESS_TOKEN, by the bot for the staff handover.')
@secure()
param facebookPageAccessToken string = ''

@description('Name of the storage account for conversation state (3-24 lower-case letters and digits, globally unique).')
@minLength(3)
@maxLength(24)
param storageAccountName string

@description('Blob container of conversation state, set as STORAGE_CONTAINER.')
param storageContainer string = 'bot-state'

@description('V8 heap cap, the same as the Dockerfile\'s: keeps the resident memory close to what the bot really holds.')
param nodeOptions string = '--max-old-space-size=192'

var botEndpoint = 'https://${appServiceName}.azurewebsites.net/api/messages'
var allowedOrigins = join(concat(['https://${appServiceName}.azurewebsites.net'], extraAllowedOrigins), ',')
var msaTenantId = appType == 'MultiTenant' ? '' : tenantId
// A regional bot has its own Direct Line endpoint.
var directLineBaseUrl = azureBotRegion == 'westeurope' ? 'https://europe.directline.botframework.com' : 'https://directline.botframework.com'

resource storageAccount 'Microsoft.Storage/storageAccounts@2023-01-01' = {
  name: storageAccountName
  location: location
  kind: 'StorageV2'
  sku: {
    name: 'Standard_LRS'
  }
  properties: {
    accessTier: 'Hot'
    allowBlobPublicAccess: false
    minimumTlsVersion: 'TLS1_2'
    supportsHttpsTrafficOnly: true
  }
}

resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-01-01' = {
  parent: storageAccount
  name: 'default'
}

resource stateContainer 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-01-01' = {
  parent: blobService
  name: storageContainer
  properties: {
    publicAccess: 'None'
  }
}

resource appServicePlan 'Microsoft.Web/serverfarms@2022-09-01' = {
  name: appServicePlanName
  location: location
  kind: 'linux'
  sku: {
    name: appServicePlanSku
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource webApp 'Microsoft.Web/sites@2022-09-01' = {
  name: appServiceName
  location: location
  kind: 'app,linux'
  // Lets app settings be Key Vault references (@Microsoft.KeyVault(...)) once the identity may read the vault.
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: appServicePlan.id
    httpsOnly: true
    // State is in blob storage: any instance can take any request, no sticky sessions.
    clientAffinityEnabled: false
    siteConfig: {
      linuxFxVersion: 'NODE|20-lts'
      // npm run start:prod: the package is deployed built (see README, Deployment)
      appCommandLine: 'node dist/src/index.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      http20Enabled: true
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'WEBSITE_NODE_DEFAULT_VERSION', value: '~20' }
        // The package is deployed built (dist/ and production node_modules included): no build on the server.
        { name: 'SCM_DO_BUILD_DURING_DEPLOYMENT', value: 'false' }
        { name: 'NODE_ENV', value: 'production' }
        // App Service's front end is one proxy: rate limits count the address it saw, not the front end's.
        { name: 'TRUST_PROXY', value: '1' }
        { name: 'NODE_OPTIONS', value: nodeOptions }
        { name: 'COMUNE', value: comune }
        { name: 'LOG_LEVEL', value: logLevel }
        { name: 'MicrosoftAppType', value: appType }
        { name: 'MicrosoftAppId', value: appId }
        { name: 'MicrosoftAppPassword', value: appSecret }
        { name: 'MicrosoftAppTenantId', value: msaTenantId }
        { name: 'DIRECT_LINE_SECRET', value: directLineSecret }
        { name: 'DIRECT_LINE_BASE_URL', value: directLineBaseUrl }
        { name: 'ALLOWED_ORIGINS', value: allowedOrigins }
        { name: 'FACEBOOK_PAGE_ACCESS_TOKEN', value: facebookPageAccessToken }
        { name: 'STORAGE', value: 'blob' }
        {
          name: 'STORAGE_CONNECTION_STRING'
          value: 'DefaultEndpointsProtocol=https;AccountName=${storageAccount.name};AccountKey=${storageAccount.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'
        }
        { name: 'STORAGE_CONTAINER', value: storageContainer }
        // /home is the plan's persistent storage; the deployed package in wwwroot is replaced on every deployment.
        { name: 'INTERACTION_LOG_DIR', value: '/home/data/interactions' }
      ]
    }
  }
  dependsOn: [
    stateContainer
  ]
}

resource azureBot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: azureBotId
  location: azureBotRegion
  kind: 'azurebot'
  sku: {
    name: azureBotSku
  }
  properties: {
    displayName: azureBotId
    endpoint: botEndpoint
    msaAppId: appId
    msaAppType: appType
    msaAppTenantId: msaTenantId
    msaAppMSIResourceId: appType == 'UserAssignedMSI' ? msaAppMSIResourceId : ''
    schemaTransformationVersion: '1.3'
  }
}

resource directLineChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: azureBot
  name: 'DirectLineChannel'
  location: azureBotRegion
  properties: {
    channelName: 'DirectLineChannel'
    properties: {
      sites: [
        {
          siteName: 'Default Site'
          isEnabled: true
          isV1Enabled: false
          isV3Enabled: true
          // The page never sees the secret: the bot exchanges it for a conversation token server-side.
          isSecureSiteEnabled: false
          isBlockUserUploadEnabled: true
        }
      ]
    }
  }
}

resource facebookChannel 'Microsoft.BotService/botServices/channels@2022-09-15' = if (!empty(facebookAppId)) {
  parent: azureBot
  name: 'FacebookChannel'
  location: azureBotRegion
  properties: {
    channelName: 'FacebookChannel'
    properties: {
      appId: facebookAppId
      appSecret: facebookAppSecret
      isEnabled: true
      pages: [
        {
          id: facebookPageId
          accessToken: facebookPageAccessToken
        }
      ]
    }
  }
}

output botEndpoint string = botEndpoint
output webAppHostName string = webApp.properties.defaultHostName
@description('Grant this identity "Key Vault Secrets User" on the vault to use Key Vault references in app settings.')
output webAppPrincipalId string = webApp.identity.principalId
