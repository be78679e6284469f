// Event Hubs namespace + the events hub and the consumer group the ingest function reads with. Local (SAS) auth is
// off: producers and the Functions app use Entra ID roles.
param location string
@minLength(5)
param namePrefix string
param tags object
@minValue(1)
@maxValue(32)
param partitionCount int
param messageRetentionInDays int = 1
param skuName string = 'Standard'
param captureEnabled bool
param captureStorageAccountId string

resource namespace 'Microsoft.EventHub/namespaces@2024-01-01' = {
  name: '${namePrefix}-ehns'
  location: location
  tags: tags
  sku: { name: skuName, tier: skuName, capacity: 1 }
  identity: { type: 'SystemAssigned' }
  properties: {
    disableLocalAuth: true
    minimumTlsVersion: '1.2'
  }
}

resource hub 'Microsoft.EventHub/namespaces/eventhubs@2024-01-01' = {
  parent: namespace
  name: 'events'
  properties: {
    partitionCount: partitionCount
    messageRetentionInDays: messageRetentionInDays
    captureDescription: captureEnabled ? {
      enabled: true
      encoding: 'Avro'
      intervalInSeconds: 300
      sizeLimitInBytes: 314572800
      skipEmptyArchives: true
      destination: {
        name: 'EventHubArchive.AzureBlockBlob'
        identity: { type: 'SystemAssigned' }
        properties: {
          storageAccountResourceId: captureStorageAccountId
          blobContainer: 'capture'
          archiveNameFormat: '{Namespace}/{EventHub}/{PartitionId}/{Year}/{Month}/{Day}/{Hour}/{Minute}/{Second}'
        }
      }
    } : null
  }
}

resource ingestGroup 'Microsoft.EventHub/namespaces/eventhubs/consumergroups@2024-01-01' = {
  parent: hub
  name: 'longview-ingest'
}

output namespaceName string = namespace.name
output namespacePrincipalId string = namespace.identity.principalId
output fullyQualifiedNamespace string = '${namespace.name}.servicebus.windows.net'
output hubName string = hub.name
output hubId string = hub.id
output consumerGroup string = ingestGroup.name
