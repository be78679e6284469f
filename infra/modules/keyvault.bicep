// The one secret Longview has: the salt that keys the hashing of user ids in logs. RBAC-only vault; the Functions
// app reads the secret through a Key Vault reference in its settings.
param location string
param namePrefix string
param tags object
@secure()
param userIdSalt string

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: take(replace('${namePrefix}-kv-${uniqueString(resourceGroup().id)}', '--', '-'), 24)
  location: location
  tags: tags
  properties: {
    tenantId: subscription().tenantId
    sku: { family: 'A', name: 'standard' }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 7
    enablePurgeProtection: true
    publicNetworkAccess: 'Enabled'
  }
}

resource salt 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = {
  parent: vault
  name: 'user-id-salt'
  properties: { value: userIdSalt }
}

output name string = vault.name
output userIdSaltUri string = salt.properties.secretUri
