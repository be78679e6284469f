// The GPU training job: a Container Apps environment with a serverless GPU workload profile, a registry for the image
// and a manually started job (the training pipeline starts one execution per run through the ARM REST API).
param location string
param namePrefix string
param tags object
param workspaceId string
@allowed([ 'T4', 'A100' ])
param gpuProfile string
param trainingImage string
param cpu string
param memory string
param replicaTimeoutSeconds int
param replicaRetryLimit int
param storageBlobEndpoint string

var gpuWorkloadProfileType = gpuProfile == 'A100' ? 'Consumption-GPU-NC24-A100' : 'Consumption-GPU-NC8as-T4'

resource identity 'Microsoft.ManagedIdentity/userAssignedIdentities@2023-01-31' = {
  name: '${namePrefix}-training-id'
  location: location
  tags: tags
}

resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' = {
  name: replace('${namePrefix}acr${uniqueString(resourceGroup().id)}', '-', '')
  location: location
  tags: tags
  sku: { name: 'Basic' }
  properties: {
    adminUserEnabled: false
  }
}

resource environment 'Microsoft.App/managedEnvironments@2024-03-01' = {
  name: '${namePrefix}-cae'
  location: location
  tags: tags
  properties: {
    appLogsConfiguration: { destination: 'azure-monitor' }
    workloadProfiles: [
      { name: 'Consumption', workloadProfileType: 'Consumption' }
      { name: 'gpu', workloadProfileType: gpuWorkloadProfileType }
    ]
  }
}

resource environmentLogs 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: environment
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
  }
}

resource job 'Microsoft.App/jobs@2024-03-01' = {
  name: '${namePrefix}-train'
  location: location
  tags: tags
  identity: {
    type: 'UserAssigned'
    userAssignedIdentities: { '${identity.id}': {} }
  }
  properties: {
    environmentId: environment.id
    workloadProfileName: 'gpu'
    configuration: {
      triggerType: 'Manual'
      replicaTimeout: replicaTimeoutSeconds
      replicaRetryLimit: replicaRetryLimit
      manualTriggerConfig: { parallelism: 1, replicaCompletionCount: 1 }
      registries: [ { server: registry.properties.loginServer, identity: identity.id } ]
    }
    template: {
      containers: [
        {
          name: 'training'
          image: trainingImage
          resources: { cpu: json(cpu), memory: memory }
          env: [
            // DefaultAzureCredential in the job picks the user-assigned identity by its client id.
            { name: 'AZURE_CLIENT_ID', value: identity.properties.clientId }
            { name: 'LONGVIEW_BLOB_ENDPOINT', value: storageBlobEndpoint }
          ]
        }
      ]
    }
  }
}

output environmentId string = environment.id
output environmentName string = environment.name
output jobName string = job.name
output containerName string = 'training'
output jobId string = job.id
output identityPrincipalId string = identity.properties.principalId
output registryName string = registry.name
output registryLoginServer string = registry.properties.loginServer
