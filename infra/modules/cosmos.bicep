// Cosmos DB for NoSQL: serverless or autoscale, keys disabled (data-plane RBAC only). Profiles index only the few
// scalars queries use; the large arrays (recent sequence, impressions, seen ids, active days) are never indexed,
// which keeps every profile write cheap in RU.
param location string
param namePrefix string
param tags object
@allowed([ 'serverless', 'autoscale' ])
param capacityMode string
@description('Autoscale maximum RU/s of the shared database throughput (autoscale only).')
param autoscaleMaxThroughput int
param databaseName string = 'longview'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: '${namePrefix}-cosmos'
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    disableLocalAuth: true
    minimalTlsVersion: 'Tls12'
    consistencyPolicy: { defaultConsistencyLevel: 'Session' }
    locations: [ { locationName: location, failoverPriority: 0, isZoneRedundant: false } ]
    capabilities: capacityMode == 'serverless' ? [ { name: 'EnableServerless' } ] : []
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: { id: databaseName }
    options: capacityMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

resource profiles 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'profiles'
  properties: {
    resource: {
      id: 'profiles'
      partitionKey: { paths: [ '/userId' ], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/userId/?' }, { path: '/firstSeen/?' }, { path: '/lastSeen/?' } ]
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

resource items 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'items'
  properties: {
    resource: {
      id: 'items'
      partitionKey: { paths: [ '/itemId' ], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/itemId/?' }, { path: '/createdAt/?' }, { path: '/categories/[]/?' } ]
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

// Item text embeddings: one document per (item, encoder), id = the encoder, the vector as base64 float32. Only the
// encoder is queried (the EmbedItems timer and the serving snapshot scan one encoder's embeddings).
resource embeddings 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'embeddings'
  properties: {
    resource: {
      id: 'embeddings'
      partitionKey: { paths: [ '/itemId' ], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/encoder/?' } ]
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

// Erasure records of the profile store: {id: user id hash, erasedAt}; read by ingestion before it starts a profile.
resource erasures 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'erasures'
  properties: {
    resource: {
      id: 'erasures'
      partitionKey: { paths: [ '/id' ], kind: 'Hash', version: 2 }
    }
  }
}

resource reports 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'reports'
  properties: {
    resource: {
      id: 'reports'
      partitionKey: { paths: [ '/kind' ], kind: 'Hash', version: 2 }
    }
  }
}

// Served lists (outcomes and experiments): pk = serving day + '.' + bucket, so a day's scan is a few single-partition queries.
resource lists 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'lists'
  properties: {
    resource: {
      id: 'lists'
      partitionKey: { paths: [ '/pk' ], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/pk/?' }, { path: '/servedAt/?' } ]
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

// First exposures to experiments and entries of campaigns ('campaign:{id}'): one document per (experiment, user).
resource exposures 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: 'exposures'
  properties: {
    resource: {
      id: 'exposures'
      partitionKey: { paths: [ '/experimentId' ], kind: 'Hash', version: 2 }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [ { path: '/experimentId/?' }, { path: '/variant/?' } ]
        excludedPaths: [ { path: '/*' } ]
      }
    }
  }
}

output accountName string = account.name
output endpoint string = account.properties.documentEndpoint
output databaseName string = database.name
