using Longview.Api;
using Longview.Core.Outcomes;
using Microsoft.Extensions.Options;

namespace Longview.Local.Api;

/// <summary>GET /api/outcomes/lists?from=&amp;to=: <see cref="OutcomesEndpoint"/>'s answer.</summary>
internal static class OutcomeRoutes
{
    // from and to are declared (and read by the handler from the query) so that the OpenAPI document lists them.
    public static void MapOutcomeRoutes(this RouteGroupBuilder api) =>
        api.MapGet("/outcomes/lists", (HttpRequest request, string? from, string? to, ListOutcomeQuery outcomes, IOptions<OutcomeOptions> options, TimeProvider time, CancellationToken ct) =>
                OutcomesEndpoint.GetAsync(request, outcomes, options, time, ct))
            .WithName("GetListOutcomes")
            .WithSummary("The outcome of the lists served on the UTC days [from, to] (default yesterday): CTR, conversion, value per list, return rate; by position, segment, model version, experiment variant and reason type.")
            .WithDescription("A click or purchase of a listed item counts for the last list that showed it, within the attribution window (Longview:Outcomes:AttributionWindow, default 1 day). Lists whose window is still open (`openLists`) or whose user's profile no longer holds every event of the window (`unmeasuredLists`) are left out of the totals. Days the daily outcome job has stored (after the retention run) are read from its reports, other days are computed on request; `X-Longview-Report-Source` says which (stored, computed, mixed), and the answer carries a strong ETag (304 for If-None-Match). At most Longview:Outcomes:MaxRangeDays (31) days per request.")
            .Produces<ListOutcomeReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest);
}
