// The Longview Functions app (.NET 10 isolated worker) on Flex Consumption, with a system-assigned identity and the CPU
// flavour of ONNX Runtime (Microsoft.ML.OnnxRuntime). The GPU serving option is functionapp-containerapps.bicep.
param location string
param namePrefix string
param tags object
param appSettings array
param deploymentContainerUrl string
param maximumInstanceCount int
@allowed([ 2048, 4096 ])
param instanceMemoryMB int
param alwaysReadyHttpInstances int
param alwaysReadyIngestInstances int
param corsAllowedOrigins array

var alwaysReady = concat(
  alwaysReadyHttpInstances > 0 ? [ { name: 'http', instanceCount: alwaysReadyHttpInstances } ] : [],
  alwaysReadyIngestInstances > 0 ? [ { name: 'function:IngestEvents', instanceCount: alwaysReadyIngestInstances } ] : [])

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource flexApp 'Microsoft.Web/sites@2024-04-01' = {
  name: '${namePrefix}-func'
  location: location
  // azd deploys the service 'functions' of azure.yaml to the resource with this tag.
  tags: union(tags, { 'azd-service-name': 'functions' })
  kind: 'functionapp,linux'
  identity: { type: 'SystemAssigned' }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    functionAppConfig: {
      deployment: {
        storage: {
          type: 'blobContainer'
          value: deploymentContainerUrl
          authentication: { type: 'SystemAssignedIdentity' }
        }
      }
      scaleAndConcurrency: {
        maximumInstanceCount: maximumInstanceCount
        instanceMemoryMB: instanceMemoryMB
        alwaysReady: alwaysReady
      }
      runtime: { name: 'dotnet-isolated', version: '10.0' }
    }
    siteConfig: {
      minTlsVersion: '1.2'
      ftpsState: 'Disabled'
      cors: { allowedOrigins: corsAllowedOrigins }
      appSettings: appSettings
    }
  }
}

output name string = flexApp.name
output principalId string = flexApp.identity.principalId
output defaultHostName string = flexApp.properties.defaultHostName
