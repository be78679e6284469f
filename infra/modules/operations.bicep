// Operations: diagnostic settings on every resource (to the Log Analytics workspace), the alerts an operator acts on,
// and a workbook of the product's metrics. The product's metrics are the `Longview` meter (functions/Longview.Core/
// Telemetry), exported by the Functions app to Application Insights as customMetrics, one row per metric and minute
// with valueSum/valueCount and its tags in customDimensions.
param location string
param namePrefix string
param tags object
param workspaceId string
param appInsightsName string
param storageAccountName string
param eventHubsNamespaceName string
param cosmosAccountName string
param keyVaultName string
param registryName string
@description('The Flex Consumption app, when that is the hosting (Container Apps apps log through their environment).')
param flexFunctionAppName string = ''
@description('Where alert notifications go; empty: the alerts fire into the portal only.')
param alertEmail string = ''
@description('Share of requests that may fail with 5xx over 15 minutes before the alert fires (percent).')
param serverErrorPercentThreshold int = 5

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' existing = { name: last(split(workspaceId, '/')) }
resource appInsights 'Microsoft.Insights/components@2020-02-02' existing = { name: appInsightsName }
resource storageAccount 'Microsoft.Storage/storageAccounts@2023-05-01' existing = { name: storageAccountName }
resource blobService 'Microsoft.Storage/storageAccounts/blobServices@2023-05-01' existing = { parent: storageAccount, name: 'default' }
resource queueService 'Microsoft.Storage/storageAccounts/queueServices@2023-05-01' existing = { parent: storageAccount, name: 'default' }
resource tableService 'Microsoft.Storage/storageAccounts/tableServices@2023-05-01' existing = { parent: storageAccount, name: 'default' }
resource eventHubsNamespace 'Microsoft.EventHub/namespaces@2024-01-01' existing = { name: eventHubsNamespaceName }
resource cosmosAccount 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = { name: cosmosAccountName }
resource keyVault 'Microsoft.KeyVault/vaults@2023-07-01' existing = { name: keyVaultName }
resource registry 'Microsoft.ContainerRegistry/registries@2023-07-01' existing = { name: registryName }
resource flexApp 'Microsoft.Web/sites@2024-04-01' existing = if (!empty(flexFunctionAppName)) { name: flexFunctionAppName }

var allLogsAndMetrics = {
  workspaceId: workspaceId
  logs: [ { categoryGroup: 'allLogs', enabled: true } ]
  metrics: [ { category: 'AllMetrics', enabled: true } ]
}
var metricsOnly = {
  workspaceId: workspaceId
  metrics: [ { category: 'Transaction', enabled: true } ]
}

// ---- diagnostic settings: every resource that has them (the Container Apps environment has its own, training.bicep)

// The workspace's own audit trail (who queried what) goes to itself.
resource workspaceDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: workspace
  properties: allLogsAndMetrics
}

resource appInsightsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: appInsights
  properties: allLogsAndMetrics
}

resource storageDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: storageAccount
  properties: metricsOnly
}

resource blobDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: blobService
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'Transaction', enabled: true } ]
  }
}

resource queueDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: queueService
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'Transaction', enabled: true } ]
  }
}

resource tableDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: tableService
  properties: {
    workspaceId: workspaceId
    logs: [ { categoryGroup: 'allLogs', enabled: true } ]
    metrics: [ { category: 'Transaction', enabled: true } ]
  }
}

resource eventHubsDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: eventHubsNamespace
  properties: allLogsAndMetrics
}

resource cosmosDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: cosmosAccount
  properties: union(allLogsAndMetrics, { logAnalyticsDestinationType: 'Dedicated' })
}

resource keyVaultDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: keyVault
  properties: allLogsAndMetrics
}

resource registryDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: registry
  properties: allLogsAndMetrics
}

resource functionAppDiagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = if (!empty(flexFunctionAppName)) {
  name: 'to-log-analytics'
  scope: flexApp
  properties: allLogsAndMetrics
}

// ---- alerts

resource actionGroup 'Microsoft.Insights/actionGroups@2023-01-01' = {
  name: '${namePrefix}-ops'
  location: 'global'
  tags: tags
  properties: {
    groupShortName: take(replace('${namePrefix}ops', '-', ''), 12)
    enabled: true
    emailReceivers: empty(alertEmail) ? [] : [ { name: 'operator', emailAddress: alertEmail, useCommonAlertSchema: true } ]
  }
}

// Log alerts over Application Insights: one row from the query fires the alert.
var logAlerts = [
  {
    name: 'server-errors'
    severity: 1
    frequency: 'PT5M'
    window: 'PT15M'
    description: 'More than ${serverErrorPercentThreshold}% of HTTP requests answered 5xx in 15 minutes.'
    query: 'requests | summarize total = count(), failed = countif(toint(resultCode) >= 500) | where total > 0 and 100.0 * failed / total > ${serverErrorPercentThreshold}'
  }
  {
    name: 'dead-letters'
    severity: 2
    frequency: 'PT15M'
    window: 'PT15M'
    description: 'Stream events were dead-lettered (longview.dead_letters): read the deadletter container, fix the producer or replay.'
    query: 'customMetrics | where name == "longview.dead_letters" | summarize letters = sum(valueSum) | where letters > 0'
  }
  {
    name: 'training-failed'
    severity: 2
    frequency: 'PT1H'
    window: 'PT1H'
    description: 'A training run failed (longview.training.runs, outcome failed); the champion still serves. GET /api/training/runs/{runId} says why.'
    query: 'customMetrics | where name == "longview.training.runs" and tostring(customDimensions["longview.outcome"]) == "failed" | summarize runs = sum(valueSum) | where runs > 0'
  }
  {
    // summarize without a group gives one row even over no data, so "no run at all" fires too.
    name: 'no-retention-report'
    severity: 2
    frequency: 'PT1H'
    window: 'P1D'
    description: 'No retention day succeeded since midnight UTC and it is past 02:00 UTC (longview.retention.runs).'
    query: 'customMetrics | where timestamp >= startofday(now()) and name == "longview.retention.runs" and tostring(customDimensions["longview.outcome"]) == "succeeded" | summarize days = sum(valueSum) | where now() >= startofday(now()) + 2h and (isnull(days) or days == 0)'
  }
]

resource alerts 'Microsoft.Insights/scheduledQueryRules@2023-03-15-preview' = [for alert in logAlerts: {
  name: '${namePrefix}-${alert.name}'
  location: location
  tags: tags
  properties: {
    displayName: '${namePrefix} ${alert.name}'
    description: alert.description
    severity: alert.severity
    enabled: true
    scopes: [ appInsights.id ]
    evaluationFrequency: alert.frequency
    windowSize: alert.window
    criteria: {
      allOf: [
        {
          query: alert.query
          timeAggregation: 'Count'
          operator: 'GreaterThan'
          threshold: 0
          failingPeriods: { numberOfEvaluationPeriods: 1, minFailingPeriodsToAlert: 1 }
        }
      ]
    }
    actions: { actionGroups: [ actionGroup.id ] }
  }
}]

// Throttling is a platform metric of the account: requests answered 429.
resource cosmosThrottling 'Microsoft.Insights/metricAlerts@2018-03-01' = {
  name: '${namePrefix}-cosmos-throttling'
  location: 'global'
  tags: tags
  properties: {
    description: 'Cosmos DB answered 429 (request rate too large): raise the autoscale maximum or look at the RU charge per operation (longview.cosmos.request_charge).'
    severity: 2
    enabled: true
    scopes: [ cosmosAccount.id ]
    evaluationFrequency: 'PT5M'
    windowSize: 'PT15M'
    criteria: {
      'odata.type': 'Microsoft.Azure.Monitor.SingleResourceMultipleMetricCriteria'
      allOf: [
        {
          criterionType: 'StaticThresholdCriterion'
          name: 'throttled'
          metricNamespace: 'Microsoft.DocumentDB/databaseAccounts'
          metricName: 'TotalRequests'
          dimensions: [ { name: 'StatusCode', operator: 'Include', values: [ '429' ] } ]
          operator: 'GreaterThan'
          threshold: 10
          timeAggregation: 'Count'
        }
      ]
    }
    actions: [ { actionGroupId: actionGroup.id } ]
  }
}

// ---- workbook: the product's metrics

var metricChart = [
  { title: 'Events per outcome', query: 'customMetrics | where name in ("longview.events.accepted", "longview.events.duplicate", "longview.events.rejected", "longview.dead_letters") | summarize value = sum(valueSum) by name, bin(timestamp, 5m) | render timechart' }
  { title: 'Recommendations served by source (model, cold_start, fallback)', query: 'customMetrics | where name == "longview.recommendations.served" | summarize lists = sum(valueSum) by source = tostring(customDimensions["longview.recommendation.source"]), bin(timestamp, 5m) | render timechart' }
  { title: 'Recommendation latency (mean, seconds)', query: 'customMetrics | where name == "longview.recommendation.duration" | summarize mean = sum(valueSum) / sum(valueCount) by bin(timestamp, 5m) | render timechart' }
  { title: 'Serving model versions', query: 'customMetrics | where name == "longview.recommendations.served" | summarize lists = sum(valueSum) by version = tostring(customDimensions["longview.model.version"]), bin(timestamp, 1h) | render columnchart' }
  { title: 'Model errors and dropped impressions', query: 'customMetrics | where name in ("longview.model.errors", "longview.impressions.dropped") | summarize value = sum(valueSum) by name, bin(timestamp, 5m) | render timechart' }
  { title: 'Store retries and Cosmos request units', query: 'customMetrics | where name in ("longview.store.retries", "longview.cosmos.request_charge") | summarize value = sum(valueSum) by name, bin(timestamp, 5m) | render timechart' }
  { title: 'Training runs by outcome', query: 'customMetrics | where name == "longview.training.runs" | summarize runs = sum(valueSum) by outcome = tostring(customDimensions["longview.outcome"]), bin(timestamp, 1d) | render columnchart' }
  { title: 'Retention days by outcome and duration', query: 'customMetrics | where name in ("longview.retention.runs", "longview.retention.duration") | summarize value = sum(valueSum) by name, outcome = tostring(customDimensions["longview.outcome"]), bin(timestamp, 1d)' }
]

var workbookItems = [for (chart, i) in metricChart: {
  type: 3
  name: 'chart-${i}'
  content: {
    version: 'KqlItem/1.0'
    title: chart.title
    query: chart.query
    size: 0
    timeContext: { durationMs: 86400000 }
    queryType: 0
    resourceType: 'microsoft.insights/components'
  }
}]

resource workbook 'Microsoft.Insights/workbooks@2023-06-01' = {
  name: guid(resourceGroup().id, namePrefix, 'longview-workbook')
  location: location
  tags: tags
  kind: 'shared'
  properties: {
    displayName: '${namePrefix} product metrics'
    category: 'workbook'
    sourceId: appInsights.id
    serializedData: string({ version: 'Notebook/1.0', items: workbookItems })
  }
}

output actionGroupId string = actionGroup.id
output workbookId string = workbook.id
