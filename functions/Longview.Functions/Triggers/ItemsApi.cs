using Longview.Api;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class ItemsApi(ItemIngestion ingestion, IOptions<ItemLimits> limits)
{
    /// <summary>POST /api/items: <see cref="ItemsEndpoint"/>, the same handler as the self-hosted route.</summary>
    [Function("PostItems")]
    public Task<IResult> Post([HttpTrigger(AuthorizationLevel.Function, "post", Route = "items")] HttpRequest request, CancellationToken cancellationToken) =>
        ItemsEndpoint.PostAsync(request, ingestion, limits.Value.MaxBodyBytes, cancellationToken);
}
