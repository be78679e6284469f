using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Functions.Http;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

public sealed class ItemsApi(ItemIngestion ingestion, IOptions<ItemLimits> limits)
{
    /// <summary>POST /api/items: catalogue items with the same batch semantics as events.</summary>
    [Function("PostItems")]
    public async Task<IActionResult> Post(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "items")] HttpRequest request,
        CancellationToken cancellationToken)
    {
        var body = await BoundedBody.ReadAsync(request, limits.Value.MaxBodyBytes, cancellationToken);
        return body.TooLarge
            ? Problems.TooLarge(limits.Value.MaxBodyBytes)
            : IngestResponses.From(await ingestion.IngestAsync(body.Content, cancellationToken));
    }
}
