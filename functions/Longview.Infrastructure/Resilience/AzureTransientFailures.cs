using System.Net;
using Azure;
using Longview.Core.Resilience;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Resilience;

/// <summary>
/// Which failures of the Cosmos DB and Blob SDKs are worth retrying: throttling (429, with the service's retry-after),
/// timeouts (408), Cosmos "retry with" (449), server-side unavailability (500, 502, 503, 504) and network faults.
/// Everything else (400, 401, 403, 404, 409, 412, 413, ...) is permanent: retrying cannot change the answer.
/// </summary>
public sealed class AzureTransientFailures : ITransientFailureClassifier
{
    public bool IsTransient(Exception exception, out TimeSpan? retryAfter)
    {
        retryAfter = null;
        switch (exception)
        {
            case CosmosException cosmos:
                retryAfter = cosmos.RetryAfter;
                return IsTransientStatus((int)cosmos.StatusCode);
            case RequestFailedException storage:
                // Status 0: the request never got an HTTP answer (connection reset, DNS): a network fault.
                return storage.Status == 0 || IsTransientStatus(storage.Status);
            case HttpRequestException:
            case TimeoutException:
            case IOException:
                return true;
            case TaskCanceledException canceled:
                // The SDKs surface their own per-try timeouts as cancellations with a TimeoutException inside.
                return canceled.InnerException is TimeoutException;
            case AggregateException { InnerExceptions.Count: 1 } aggregate:
                return IsTransient(aggregate.InnerExceptions[0], out retryAfter);
            default:
                return false;
        }
    }

    private static bool IsTransientStatus(int status) => status switch
    {
        (int)HttpStatusCode.RequestTimeout => true,
        (int)HttpStatusCode.TooManyRequests => true,
        449 => true,
        (int)HttpStatusCode.InternalServerError => true,
        (int)HttpStatusCode.BadGateway => true,
        (int)HttpStatusCode.ServiceUnavailable => true,
        (int)HttpStatusCode.GatewayTimeout => true,
        _ => false,
    };
}
