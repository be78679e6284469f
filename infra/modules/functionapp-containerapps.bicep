// The Longview Functions app as a container on the Container Apps environment's GPU workload profile (serverless T4 or
// A100), for ONNX Runtime CUDA serving: Azure Functions on Container Apps, natively (Microsoft.App/containerApps with
// kind 'functionapp'; the platform adds the Functions scale rules). The image is the GPU flavour of the app
// (functions/Longview.Functions/Dockerfile.gpu: Microsoft.ML.OnnxRuntime.Gpu + the CUDA 13 libraries), and main.bicep
// sets Longview__Onnx__ExecutionProvider=Cuda; without a usable GPU the app logs why and serves on the CPU.
// The identity is user-assigned and created before the app, so that its roles (AcrPull, Key Vault, storage, ...) exist
// when the first revision pulls the image and reads its secret.
param location string
param namePrefix string
param tags object
param appSettings array
param environmentId string
param identityId string
param identityClientId string
param registryLoginServer string
param containerImage string
param cpu string
param memory string
@minValue(0)
param minReplicas int
@minValue(1)
param maxReplicas int
param corsAllowedOrigins array

var keyVaultReference = '@Microsoft.KeyVault(SecretUri='

// App Service resolves Key Vault references in app settings; Container Apps resolves Key Vault secrets instead.
var keyVaultSettings = filter(appSettings, s => startsWith(s.value, keyVaultReference))
var secrets = map(keyVaultSettings, s => {
  name: toLower(replace(s.name, '__', '-'))
  keyVaultUrl: substring(s.value, length(keyVaultReference), length(s.value) - length(keyVaultReference) - 1)
  identity: identityId
})

// Identity-based connections (`X__accountName`, `X__fullyQualifiedNamespace`) must name the user-assigned identity.
var connections = map(filter(appSettings, s => endsWith(s.name, '__accountName') || endsWith(s.name, '__fullyQualifiedNamespace')), s => split(s.name, '__')[0])
var identitySettings = concat(
  [
    // DefaultAzureCredential in the app (Cosmos, Blob, the training job's ARM calls) picks the identity by client id.
    { name: 'AZURE_CLIENT_ID', value: identityClientId }
    { name: 'FUNCTIONS_WORKER_RUNTIME', value: 'dotnet-isolated' }
  ],
  flatten(map(connections, c => [
    { name: '${c}__credential', value: 'managedidentity' }
    { name: '${c}__clientId', value: identityClientId }
  ])))

var env = concat(map(appSettings, s => startsWith(s.value, keyVaultReference)
  ? { name: s.name, secretRef: toLower(replace(s.name, '__', '-')) }
  : s.name == 'APPLICATIONINSIGHTS_AUTHENTICATION_STRING'
    ? { name: s.name, value: '${s.value};ClientId=${identityClientId}' }
    : s), identitySettings)

resource app 'Microsoft.App/containerApps@2025-07-01' = {
  name: '${namePrefix}-func'
  location: location
  tags: tags
  kind: 'functionapp'
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identityId}': {} }
  }
  properties: {
    managedEnvironmentId: environmentId
    workloadProfileName: 'gpu'
    configuration: {
      activeRevisionsMode: 'Single'
      ingress: {
        external: true
        targetPort: 80
        transport: 'auto'
        corsPolicy: empty(corsAllowedOrigins) ? null : { allowedOrigins: corsAllowedOrigins }
      }
      registries: [ { server: registryLoginServer, identity: identityId } ]
      secrets: secrets
    }
    template: {
      containers: [
        {
          name: 'functions'
          image: containerImage
          resources: { cpu: json(cpu), memory: memory }
          env: env
        }
      ]
      scale: { minReplicas: minReplicas, maxReplicas: maxReplicas }
    }
  }
}

output name string = app.name
output defaultHostName string = app.properties.configuration.ingress.fqdn
