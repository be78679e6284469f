// The Longview Functions app (.NET 10 isolated worker) with a system-assigned identity. Default hosting is Flex
// Consumption; 'containerApps' hosts the same app as a container on the Container Apps environment's GPU profile
// (ONNX Runtime CUDA serving: publish the image built with the GPU ONNX Runtime package and set
// Serving__ExecutionProvider=Cuda).
param location string
param namePrefix string
param tags object
@allowed([ 'flex', 'containerApps' ])
param hosting string
param appSettings array
param deploymentContainerUrl string
param maximumInstanceCount int
@allowed([ 2048, 4096 ])
param instanceMemoryMB int
param alwaysReadyHttpInstances int
param alwaysReadyIngestInstances int
param corsAllowedOrigins array
param containerAppsEnvironmentId string
param containerImage string
param containerCpu string
param containerMemory string

var alwaysReady = concat(
  alwaysReadyHttpInstances > 0 ? [ { name: 'http', instanceCount: alwaysReadyHttpInstances } ] : [],
  alwaysReadyIngestInstances > 0 ? [ { name: 'function:IngestEvents', instanceCount: alwaysReadyIngestInstances } ] : [])

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = if (hosting == 'flex') {
  name: '${namePrefix}-plan'
  location: location
  tags: tags
  kind: 'functionapp'
  sku: { tier: 'FlexConsumption', name: 'FC1' }
  properties: { reserved: true }
}

resource flexApp 'Microsoft.Web/sites@2024-04-01' = if (hosting == 'flex') {
  name: '${namePrefix}-func'
  location: location
  tags: tags
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

resource containerApp 'Microsoft.Web/sites@2024-04-01' = if (hosting == 'containerApps') {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp,linux,container,azurecontainerapps'
  identity: { type: 'SystemAssigned' }
  properties: {
    managedEnvironmentId: containerAppsEnvironmentId
    workloadProfileName: 'gpu'
    resourceConfig: { cpu: json(containerCpu), memory: containerMemory }
    httpsOnly: true
    siteConfig: {
      linuxFxVersion: 'DOCKER|${containerImage}'
      minTlsVersion: '1.2'
      cors: { allowedOrigins: corsAllowedOrigins }
      // FUNCTIONS_WORKER_RUNTIME is implied by Flex's runtime block but must be explicit for container hosting.
      appSettings: concat(appSettings, [ { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' } ])
    }
  }
}

output name string = hosting == 'flex' ? flexApp.name : containerApp.name
output principalId string = hosting == 'flex' ? flexApp!.identity.principalId : containerApp!.identity.principalId
output defaultHostName string = hosting == 'flex' ? flexApp!.properties.defaultHostName : containerApp!.properties.defaultHostName
