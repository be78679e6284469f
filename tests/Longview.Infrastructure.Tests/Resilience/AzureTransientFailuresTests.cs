using System.Net;
using Azure;
using Longview.Infrastructure.Resilience;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Tests.Resilience;

public sealed class AzureTransientFailuresTests
{
    private readonly AzureTransientFailures _classifier = new();

    [Theory]
    [InlineData(HttpStatusCode.TooManyRequests, true)]
    [InlineData(HttpStatusCode.RequestTimeout, true)]
    [InlineData((HttpStatusCode)449, true)]
    [InlineData(HttpStatusCode.ServiceUnavailable, true)]
    [InlineData(HttpStatusCode.InternalServerError, true)]
    [InlineData(HttpStatusCode.BadRequest, false)]
    [InlineData(HttpStatusCode.Forbidden, false)]
    [InlineData(HttpStatusCode.NotFound, false)]
    [InlineData(HttpStatusCode.Conflict, false)]
    [InlineData(HttpStatusCode.PreconditionFailed, false)]
    [InlineData(HttpStatusCode.RequestEntityTooLarge, false)]
    public void Cosmos_status_codes_are_classified(HttpStatusCode status, bool transient)
    {
        var exception = new CosmosException("cosmos", status, subStatusCode: 0, activityId: "a", requestCharge: 1);

        Assert.Equal(transient, _classifier.IsTransient(exception, out _));
    }

    [Theory]
    [InlineData(0, true)]
    [InlineData(429, true)]
    [InlineData(503, true)]
    [InlineData(504, true)]
    [InlineData(400, false)]
    [InlineData(403, false)]
    [InlineData(404, false)]
    [InlineData(409, false)]
    [InlineData(412, false)]
    public void Blob_status_codes_are_classified(int status, bool transient)
    {
        Assert.Equal(transient, _classifier.IsTransient(new RequestFailedException(status, "blob"), out _));
    }

    [Fact]
    public void Network_faults_and_sdk_timeouts_are_transient_while_programming_errors_are_not()
    {
        Assert.True(_classifier.IsTransient(new HttpRequestException("reset"), out _));
        Assert.True(_classifier.IsTransient(new TimeoutException(), out _));
        Assert.True(_classifier.IsTransient(new TaskCanceledException("timeout", new TimeoutException()), out _));
        Assert.False(_classifier.IsTransient(new TaskCanceledException("caller gave up"), out _));
        Assert.False(_classifier.IsTransient(new InvalidOperationException(), out _));
        Assert.False(_classifier.IsTransient(new ArgumentException(), out _));
    }

    [Fact]
    public void A_single_inner_failure_of_an_aggregate_decides()
    {
        Assert.True(_classifier.IsTransient(new AggregateException(new RequestFailedException(503, "down")), out _));
        Assert.False(_classifier.IsTransient(new AggregateException(new RequestFailedException(400, "bad")), out _));
    }
}
