using '../main.bicep'

// Production: warm HTTP and ingest instances, provisioned Cosmos throughput, 16 partitions, raw events captured.
param environmentName = 'prod'
param functionsHosting = 'flex'
param alwaysReadyHttpInstances = 2
param alwaysReadyIngestInstances = 1
param maximumInstanceCount = 200
param instanceMemoryMB = 4096
param cosmosCapacityMode = 'autoscale'
param cosmosAutoscaleMaxThroughput = 10000
param eventHubPartitions = 16
param eventHubCaptureEnabled = true
param gpuProfile = 'A100'
param trainingCpu = '24'
param trainingMemory = '220Gi'
param trainingReplicaTimeoutSeconds = 10800
param logRetentionInDays = 90
