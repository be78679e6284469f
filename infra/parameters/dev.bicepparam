using '../main.bicep'

// Development: serverless everything, cold starts accepted, smallest GPU.
param environmentName = 'dev'
param functionsHosting = 'flex'
param alwaysReadyHttpInstances = 0
param alwaysReadyIngestInstances = 0
param cosmosCapacityMode = 'serverless'
param eventHubPartitions = 2
param eventHubCaptureEnabled = false
param gpuProfile = 'T4'
param trainingCpu = '8'
param trainingMemory = '56Gi'
param trainingReplicaTimeoutSeconds = 3600
