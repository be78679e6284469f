// Longview on Azure: Functions app, Storage, Event Hubs, Cosmos DB, the GPU training job on Container Apps, Log
// Analytics + Application Insights, and every role assignment by managed identity. No keys or connection strings
// reach app settings: every service is reached with the app's Entra identity. See infra/README.md.
targetScope = 'resourceGroup'

@description('Short environment name, part of every resource name (dev, prod).')
@minLength(2)
@maxLength(8)
param environmentName string

@description('Region of every resource.')
param location string = resourceGroup().location

@description('Prefix of resource names.')
@minLength(2)
@maxLength(10)
param namePrefix string = 'longview'

@description('flex: Flex Consumption with the CPU ONNX Runtime package (default). containerApps: Azure Functions on Container Apps on the environment\'s GPU workload profile (gpuProfile), the GPU flavour image (functionsContainerImage), Longview__Onnx__ExecutionProvider=Cuda.')
@allowed([ 'flex', 'containerApps' ])
param functionsHosting string = 'flex'

@description('Always-ready instances for the HTTP functions (Flex Consumption; with containerApps hosting: the minimum replicas); 0 allows cold starts.')
@minValue(0)
param alwaysReadyHttpInstances int = 0

@description('Always-ready instances for the Event Hubs ingest function (Flex Consumption).')
@minValue(0)
param alwaysReadyIngestInstances int = 0

@description('Upper bound of Flex Consumption instances.')
@minValue(40)
@maxValue(1000)
param maximumInstanceCount int = 100

@allowed([ 2048, 4096 ])
param instanceMemoryMB int = 2048

@description('GPU flavour image of the Functions app (containerApps hosting only), e.g. <registry>.azurecr.io/longview-functions-gpu:<tag> from functions/Longview.Functions/Dockerfile.gpu. A public placeholder until the first push.')
param functionsContainerImage string = 'mcr.microsoft.com/azure-functions/dotnet8-quickstart-demo:1.0'

@description('Upper bound of GPU replicas of the Functions app (containerApps hosting only): each is one serverless GPU.')
@minValue(1)
@maxValue(20)
param gpuServingMaxReplicas int = 2

@description('serverless: pay per request unit (spiky or small traffic). autoscale: provisioned throughput that scales 10x.')
@allowed([ 'serverless', 'autoscale' ])
param cosmosCapacityMode string = 'serverless'

@description('Autoscale maximum RU/s shared by the database (autoscale mode only).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 4000

@description('Event Hubs partitions: the ceiling of parallel ingest instances.')
@minValue(1)
@maxValue(32)
param eventHubPartitions int = 8

@description('Archive raw events to the capture container (Avro) for replay and audits.')
param eventHubCaptureEnabled bool = false

@description('Serverless GPU of the training job (and of containerApps hosting).')
@allowed([ 'T4', 'A100' ])
param gpuProfile string = 'T4'

@description('Training image, e.g. <registry>.azurecr.io/longview-training:<tag>. A public placeholder until the first push.')
param trainingImage string = 'mcr.microsoft.com/k8se/quickstart-jobs:latest'

@description('vCPUs of one training replica (T4 profile: up to 8; A100: up to 24).')
param trainingCpu string = '8'

@description('Memory of one training replica (T4 profile: up to 56Gi; A100: up to 220Gi).')
param trainingMemory string = '56Gi'

@description('Seconds one training execution may run before it is stopped.')
param trainingReplicaTimeoutSeconds int = 7200

@description('Retries of a failed training replica.')
@minValue(0)
@maxValue(5)
param trainingRetryLimit int = 1

@description('Training schedule of the Durable pipeline (NCRONTAB, UTC).')
param trainingSchedule string = '0 0 3 * * *'

@description('Retention job schedule (NCRONTAB with seconds, UTC); each run is as of the day before it starts.')
param retentionSchedule string = '0 15 0 * * *'

@description('Browser origins allowed to call the HTTP API; empty keeps CORS off.')
param corsAllowedOrigins array = []

@description('Principal ids of producers allowed to send events (Azure Event Hubs Data Sender).')
param eventProducerPrincipalIds array = []

param logRetentionInDays int = 30

@description('Where alert notifications go (an email address); empty: alerts show in the portal only.')
param alertEmail string = ''

@description('Key of the user-id hashing in logs. Defaults to a new value per deployment; pass a fixed one (from a pipeline secret) to keep hashes comparable across deployments.')
@secure()
param userIdSalt string = newGuid()

var prefix = '${namePrefix}-${environmentName}'
var tags = { application: 'longview', environment: environmentName }
var storageName = take(toLower(replace('${namePrefix}${environmentName}${uniqueString(resourceGroup().id)}', '-', '')), 24)

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    location: location
    namePrefix: prefix
    retentionInDays: logRetentionInDays
    tags: tags
  }
}

module storage 'modules/storage.bicep' = {
  name: 'storage'
  params: {
    location: location
    name: storageName
    tags: tags
  }
}

module eventHubs 'modules/eventhubs.bicep' = {
  name: 'eventhubs'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    partitionCount: eventHubPartitions
    captureEnabled: eventHubCaptureEnabled
    captureStorageAccountId: storage.outputs.id
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    capacityMode: cosmosCapacityMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
  }
}

module training 'modules/training.bicep' = {
  name: 'training'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    gpuProfile: gpuProfile
    trainingImage: trainingImage
    cpu: trainingCpu
    memory: trainingMemory
    replicaTimeoutSeconds: trainingReplicaTimeoutSeconds
    replicaRetryLimit: trainingRetryLimit
    storageBlobEndpoint: storage.outputs.blobEndpoint
  }
}

module keyVault 'modules/keyvault.bicep' = {
  name: 'keyvault'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    userIdSalt: userIdSalt
  }
}

// Every setting Longview.Functions reads (functions/Longview.Functions/README.md); tests/Longview.Infra.Tests checks
// that this list and the app's own settings list are the same.
var appSettings = [
  { name: 'AzureWebJobsStorage__accountName', value: storage.outputs.name }
  { name: 'APPLICATIONINSIGHTS_CONNECTION_STRING', value: monitoring.outputs.connectionString }
  { name: 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING', value: 'Authorization=AAD' }
  { name: 'DurableTaskHubName', value: replace('${namePrefix}${environmentName}', '-', '') }
  { name: 'EventHubName', value: eventHubs.outputs.hubName }
  { name: 'EventHubConsumerGroup', value: eventHubs.outputs.consumerGroup }
  { name: 'EventHubConnection__fullyQualifiedNamespace', value: eventHubs.outputs.fullyQualifiedNamespace }
  { name: 'Cosmos__Endpoint', value: cosmos.outputs.endpoint }
  { name: 'Cosmos__DatabaseName', value: cosmos.outputs.databaseName }
  { name: 'Cosmos__CreateIfMissing', value: 'false' }
  { name: 'Blob__ServiceUri', value: storage.outputs.blobEndpoint }
  { name: 'Longview__Security__UserIdSalt', value: '@Microsoft.KeyVault(SecretUri=${keyVault.outputs.userIdSaltUri})' }
  { name: 'Longview__Training__Schedule', value: trainingSchedule }
  { name: 'Longview__Retention__Schedule', value: retentionSchedule }
  { name: 'Longview__Training__ContainerApps__SubscriptionId', value: subscription().subscriptionId }
  { name: 'Longview__Training__ContainerApps__ResourceGroup', value: resourceGroup().name }
  { name: 'Longview__Training__ContainerApps__JobName', value: training.outputs.jobName }
  { name: 'Longview__Training__ContainerApps__ContainerName', value: training.outputs.containerName }
  { name: 'Longview__Training__ContainerApps__BlobEndpoint', value: storage.outputs.blobEndpoint }
  // The GPU deployment ships Microsoft.ML.OnnxRuntime.Gpu and asks for CUDA; Flex Consumption ships the CPU package.
  { name: 'Longview__Onnx__ExecutionProvider', value: functionsHosting == 'containerApps' ? 'Cuda' : 'Cpu' }
]

module functionApp 'modules/functionapp.bicep' = if (functionsHosting == 'flex') {
  name: 'functionapp'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    appSettings: appSettings
    deploymentContainerUrl: storage.outputs.deploymentContainerUrl
    maximumInstanceCount: maximumInstanceCount
    instanceMemoryMB: instanceMemoryMB
    alwaysReadyHttpInstances: alwaysReadyHttpInstances
    alwaysReadyIngestInstances: alwaysReadyIngestInstances
    corsAllowedOrigins: corsAllowedOrigins
  }
}

// The GPU serving app's identity exists before the app, so its roles are in place when the first revision starts.
resource servingIdentity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = if (functionsHosting == 'containerApps') {
  name: '${prefix}-func-id'
  location: location
  tags: tags
}

module gpuFunctionApp 'modules/functionapp-containerapps.bicep' = if (functionsHosting == 'containerApps') {
  name: 'functionapp-containerapps'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    appSettings: appSettings
    environmentId: training.outputs.environmentId
    identityId: servingIdentity.id
    identityClientId: servingIdentity!.properties.clientId
    registryLoginServer: training.outputs.registryLoginServer
    containerImage: functionsContainerImage
    cpu: trainingCpu
    memory: trainingMemory
    minReplicas: alwaysReadyHttpInstances
    maxReplicas: gpuServingMaxReplicas
    corsAllowedOrigins: corsAllowedOrigins
  }
  dependsOn: [ roles ]
}

var functionAppName = functionsHosting == 'flex' ? functionApp!.outputs.name : gpuFunctionApp!.outputs.name
var functionAppHostName = functionsHosting == 'flex' ? functionApp!.outputs.defaultHostName : gpuFunctionApp!.outputs.defaultHostName

module roles 'modules/roles.bicep' = {
  name: 'roles'
  params: {
    functionPrincipalId: functionsHosting == 'flex' ? functionApp!.outputs.principalId : servingIdentity!.properties.principalId
    trainingPrincipalId: training.outputs.identityPrincipalId
    eventHubsPrincipalId: eventHubs.outputs.namespacePrincipalId
    storageAccountName: storage.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.namespaceName
    eventHubName: eventHubs.outputs.hubName
    cosmosAccountName: cosmos.outputs.accountName
    appInsightsName: monitoring.outputs.appInsightsName
    registryName: training.outputs.registryName
    trainingJobName: training.outputs.jobName
    captureEnabled: eventHubCaptureEnabled
    functionPullsFromRegistry: functionsHosting == 'containerApps'
    eventProducerPrincipalIds: eventProducerPrincipalIds
    keyVaultName: keyVault.outputs.name
  }
}

// Diagnostic settings on every resource, the alerts and the product's workbook (modules/operations.bicep).
module operations 'modules/operations.bicep' = {
  name: 'operations'
  params: {
    location: location
    namePrefix: prefix
    tags: tags
    workspaceId: monitoring.outputs.workspaceId
    appInsightsName: monitoring.outputs.appInsightsName
    storageAccountName: storage.outputs.name
    eventHubsNamespaceName: eventHubs.outputs.namespaceName
    cosmosAccountName: cosmos.outputs.accountName
    keyVaultName: keyVault.outputs.name
    registryName: training.outputs.registryName
    flexFunctionAppName: functionsHosting == 'flex' ? functionApp!.outputs.name : ''
    alertEmail: alertEmail
  }
}

output functionAppName string = functionAppName
output functionAppUrl string = 'https://${functionAppHostName}'
output functionsHosting string = functionsHosting
output storageAccountName string = storage.outputs.name
output blobEndpoint string = storage.outputs.blobEndpoint
output eventHubsNamespace string = eventHubs.outputs.fullyQualifiedNamespace
output eventHubName string = eventHubs.outputs.hubName
output cosmosEndpoint string = cosmos.outputs.endpoint
output registryLoginServer string = training.outputs.registryLoginServer
output registryName string = training.outputs.registryName
output trainingJobName string = training.outputs.jobName
output containerAppsEnvironment string = training.outputs.environmentName
output appInsightsName string = monitoring.outputs.appInsightsName
