using Longview.Api;
using Longview.Core.Serving.Models;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Longview.Functions.Tests.Caching;

/// <summary>
/// GET /api/models/current through the handler both hosts call (<see cref="ModelsEndpoint"/>): the contract suite's
/// hosts serve no model, so the loaded model is a stand-in here.
/// </summary>
public sealed class CurrentModelETagTests
{
    [Fact]
    public async Task The_current_model_is_304_until_another_model_serves()
    {
        var models = new SwappableModels { Current = Model("v1") };

        var first = await GetAsync(models, ifNoneMatch: null);
        var held = await GetAsync(models, ifNoneMatch: first.ETag);
        models.Current = Model("v2");
        var afterPromotion = await GetAsync(models, ifNoneMatch: first.ETag);

        Assert.Equal(StatusCodes.Status200OK, first.Status);
        Assert.StartsWith("\"", first.ETag, StringComparison.Ordinal);
        Assert.Equal((StatusCodes.Status304NotModified, first.ETag, 0L), (held.Status, held.ETag, held.BodyLength));
        Assert.Equal(StatusCodes.Status200OK, afterPromotion.Status);
        Assert.NotEqual(first.ETag, afterPromotion.ETag);
    }

    [Fact]
    public async Task Without_a_model_the_answer_is_a_404_without_an_etag()
    {
        var answer = await GetAsync(new SwappableModels(), ifNoneMatch: "*");

        Assert.Equal((StatusCodes.Status404NotFound, ""), (answer.Status, answer.ETag));
    }

    private static ModelDescription Model(string version) =>
        new(version, new DateTimeOffset(2026, 11, 1, 3, 0, 0, TimeSpan.Zero), new DateTimeOffset(2026, 11, 1, 4, 0, 0, TimeSpan.Zero), 100, 50, null);

    private static async Task<(int Status, string ETag, long BodyLength)> GetAsync(IModelSource models, string? ifNoneMatch)
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var context = new DefaultHttpContext { RequestServices = services };
        context.Request.Method = HttpMethods.Get;
        if (ifNoneMatch is not null)
        {
            context.Request.Headers.IfNoneMatch = ifNoneMatch;
        }
        var body = new MemoryStream();
        context.Response.Body = body;

        await ModelsEndpoint.GetCurrent(context.Request, models).ExecuteAsync(context);

        return (context.Response.StatusCode, context.Response.Headers.ETag.ToString(), body.Length);
    }

    private sealed class SwappableModels : IModelSource
    {
        public ModelDescription? Current { get; set; }

        public IModelLease? Acquire() => null;
    }
}
