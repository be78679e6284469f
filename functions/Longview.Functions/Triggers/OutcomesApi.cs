using Longview.Api;
using Longview.Core.Outcomes;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Triggers;

/// <summary>GET /api/outcomes/lists?from=&amp;to=: <see cref="OutcomesEndpoint"/>.</summary>
public sealed class OutcomesApi(ListOutcomeQuery outcomes, IOptions<OutcomeOptions> options, TimeProvider time)
{
    [Function("GetListOutcomes")]
    public Task<IResult> Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "outcomes/lists")] HttpRequest request, CancellationToken ct) =>
        OutcomesEndpoint.GetAsync(request, outcomes, options, time, ct);
}
