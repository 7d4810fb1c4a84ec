// Azure resources for the product: a storage account (Table Storage for the data, and the function
// app's own storage), a Linux consumption function app on Node 20 running the `functions/` app, and a
// static web app hosting the task pane with the function app linked under /api (one origin, as locally).
//
//   az group create -n nu-cuoi -l southeastasia
//   az deployment group create -g nu-cuoi -f deploy/main.bicep -p name=nucuoi entraTenantId=<tenant> entraApiClientId=<client id>
//
// See deploy/README.md for the Entra ID app registration and the publish steps.

@description('Short lower-case name used to derive resource names (letters and digits).')
@minLength(3)
@maxLength(14)
param name string

param location string = resourceGroup().location

@description('Region of the static web app (a subset of regions host them).')
param staticWebAppLocation string = 'eastasia'

@description('Microsoft Entra tenant that signs the tokens.')
param entraTenantId string

@description('Application (client) id of the API app registration; tokens must carry it as audience.')
param entraApiClientId string

@description('Days a nightly backup stays immutable (time-based retention) before it may be deleted.')
@minValue(1)
@maxValue(146000)
param backupRetentionDays int = 90

var storageName = toLower('${name}st${uniqueString(resourceGroup().id)}')

resource storage 'Microsoft.Storage/storageAccounts@2023-05-01' = {
  name: take(storageName, 24)
  location: location
  sku: { name: 'Standard_ZRS' }
  kind: 'StorageV2'
  properties: {
    minimumTlsVersion: 'TLS1_2'
    allowBlobPublicAccess: false
    supportsHttpsTrafficOnly: true
  }
}

// The nightly backup (functions/src/functions/backup-timer.ts) writes into this container. A time-based
// retention policy makes every blob in it write-once: neither changed nor deleted for backupRetentionDays.
// Deployed unlocked (it can still be shortened or removed); lock it once tested:
//   az storage container immutability-policy lock --account-name <storage> -c backups --if-match <etag>
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' = {
  parent: storage
  name: 'default'
}

resource backups 'Microsoft.Storage/storageAccounts/blobServices/containers@2023-05-01' = {
  parent: blobService
  name: 'backups'
  properties: { publicAccess: 'None' }
}

resource backupRetention 'Microsoft.Storage/storageAccounts/blobServices/containers/immutabilityPolicies@2023-05-01' = {
  parent: backups
  name: 'default'
  properties: {
    immutabilityPeriodSinceCreationInDays: backupRetentionDays
    allowProtectedAppendWrites: false
  }
}

// Backups past their retention are deleted, so the container does not grow for ever.
resource backupLifecycle 'Microsoft.Storage/storageAccounts/managementPolicies@2023-05-01' = {
  parent: storage
  name: 'default'
  properties: {
    policy: {
      rules: [
        {
          name: 'expire-backups'
          enabled: true
          type: 'Lifecycle'
          definition: {
            filters: { blobTypes: [ 'blockBlob' ], prefixMatch: [ 'backups/' ] }
            actions: { baseBlob: { delete: { daysAfterCreationGreaterThan: backupRetentionDays + 1 } } }
          }
        }
      ]
    }
  }
}

var storageConnection = 'DefaultEndpointsProtocol=https;AccountName=${storage.name};AccountKey=${storage.listKeys().keys[0].value};EndpointSuffix=${environment().suffixes.storage}'

resource plan 'Microsoft.Web/serverfarms@2023-12-01' = {
  name: '${name}-plan'
  location: location
  sku: { name: 'Y1', tier: 'Dynamic' }
  kind: 'functionapp'
  properties: { reserved: true }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${name}-insights'
  location: location
  kind: 'web'
  properties: { Application_Type: 'Node.JS' }
}

resource functionApp 'Microsoft.Web/sites@2023-12-01' = {
  name: '${name}-api'
  location: location
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'Node|20'
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      appSettings: [
        { name: 'FUNCTIONS_EXTENSION_VERSION', value: '~4' }
        { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'node' }
        { name: 'AzureWebJobsStorage', value: storageConnection }
        { name: 'STORAGE_CONNECTION_STRING', value: storageConnection }
        { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: insights.properties.ConnectionString }
        { name: 'AUTH_MODE', value: 'entra' }
        { name: 'AUTH_ENTRA_ISSUER', value: '${environment().authentication.loginEndpoint}${entraTenantId}/v2.0' }
        { name: 'AUTH_ENTRA_AUDIENCE', value: '${entraApiClientId},api://${entraApiClientId}' }
        { name: 'MAX_BODY_BYTES', value: '524288' }
        { name: 'BACKUP_CONTAINER', value: backups.name }
      ]
    }
  }
}

resource staticSite 'Microsoft.Web/staticSites@2023-12-01' = {
  name: '${name}-pane'
  location: staticWebAppLocation
  sku: { name: 'Standard', tier: 'Standard' }
  properties: {}
}

// The task pane and the API share one origin: the static site forwards /api to the function app.
resource backend 'Microsoft.Web/staticSites/linkedBackends@2023-12-01' = {
  parent: staticSite
  name: 'api'
  properties: {
    backendResourceId: functionApp.id
    region: location
  }
}

output taskPaneBaseUrl string = 'https://${staticSite.properties.defaultHostname}'
output functionAppName string = functionApp.name
output staticSiteName string = staticSite.name
output backupContainer string = backups.name
