using Azure.Core;
using Azure.Identity;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Cosmos;

/// <summary>Builds the one <see cref="CosmosClient"/> of the process (the SDK wants a singleton: it caches connections and routing).</summary>
public static class CosmosClientFactory
{
    public static CosmosClient Create(CosmosStoreOptions options, TokenCredential? credential = null)
    {
        var problems = options.Problems();
        if (problems.Count > 0)
        {
            throw new InvalidOperationException(string.Join(" ", problems));
        }
        var endpoint = options.Endpoint!;
        var clientOptions = new CosmosClientOptions
        {
            ApplicationName = "longview",
            ConnectionMode = options.ConnectionMode,
            LimitToEndpoint = options.LimitToEndpoint,
            Serializer = new LongviewCosmosSerializer(),
            MaxRetryAttemptsOnRateLimitedRequests = options.MaxRetryAttemptsOnThrottling,
            MaxRetryWaitTimeOnRateLimitedRequests = options.MaxRetryWaitOnThrottling,
            RequestTimeout = options.RequestTimeout,
            // Point writes carry no body back: the ETag in the headers is all the stores need, and it saves bandwidth.
            EnableContentResponseOnWrite = false,
        };
        if (options.AcceptAnyServerCertificate)
        {
            // Emulator only: its certificate is self-signed (and expired).
            clientOptions.HttpClientFactory = () => new HttpClient(new SocketsHttpHandler
            {
                SslOptions = { RemoteCertificateValidationCallback = (_, _, _, _) => true },
            });
        }
        return string.IsNullOrEmpty(options.Key)
            ? new CosmosClient(endpoint.ToString(), credential ?? new DefaultAzureCredential(), clientOptions)
            : new CosmosClient(endpoint.ToString(), options.Key, clientOptions);
    }
}
