using '../main.bicep'

// GPU serving: the Functions app on Container Apps on a serverless T4 (the environment's GPU profile, shared with the
// training job), the GPU flavour image (functions/Longview.Functions/Dockerfile.gpu), ONNX Runtime on CUDA. Push the
// image first (infra/README.md, "GPU serving"), then pass functionsContainerImage=<registry>.azurecr.io/longview-functions-gpu:<tag>.
param environmentName = 'gpu'
param functionsHosting = 'containerApps'
param alwaysReadyHttpInstances = 1
param gpuServingMaxReplicas = 2
param cosmosCapacityMode = 'serverless'
param eventHubPartitions = 4
param eventHubCaptureEnabled = false
param gpuProfile = 'T4'
param trainingCpu = '8'
param trainingMemory = '56Gi'
param trainingReplicaTimeoutSeconds = 3600
