using Longview.Api;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Longview.Core.Experiments.Results;

namespace Longview.Local.Api;

/// <summary>The /api/campaigns routes: <see cref="CampaignsEndpoint"/>'s answers.</summary>
internal static class CampaignRoutes
{
    public static void MapCampaignRoutes(this RouteGroupBuilder api)
    {
        api.MapGet("/campaigns", (CampaignTargeting campaigns, TimeProvider time) => CampaignsEndpoint.List(campaigns, time))
            .WithName("ListCampaigns")
            .WithSummary("The configured win-back campaigns (Longview:Campaigns:Definitions): audience, holdout share, treatment, status.")
            .Produces<CampaignList>();
        api.MapGet("/campaigns/{campaignId}", (HttpRequest request, string campaignId, CampaignTargeting campaigns, TimeProvider time) =>
                CampaignsEndpoint.Get(request, campaigns, time))
            .WithName("GetCampaign")
            .WithSummary("One configured campaign; 404 problem+json for an unknown id.")
            .Produces<CampaignSummary>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapPost("/campaigns/{campaignId}/enrolments", (HttpRequest request, string campaignId, CampaignTargeting campaigns, CampaignEnrolment enrolment, CancellationToken ct) =>
                CampaignsEndpoint.EnrolAsync(request, campaigns, enrolment, ct))
            .WithName("EnrolCampaign")
            .WithSummary("Enter today's audience of a running campaign: every profile is classified and each included user is recorded with their arm (first entry wins).")
            .WithDescription("No body; the request must declare `Content-Type: application/json` (415 otherwise). Outside the campaign's window nothing is entered (`running: false`).")
            .Produces<CampaignEnrolmentReport>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status415UnsupportedMediaType);
        api.MapGet("/campaigns/{campaignId}/members", (HttpRequest request, string campaignId, int? limit, string? cursor, string? format, CampaignTargeting campaigns, IExperimentExposureLog entries, CancellationToken ct) =>
                CampaignsEndpoint.MembersAsync(request, campaigns, entries, ct))
            .WithName("GetCampaignMembers")
            .WithSummary("The treated members (holdout excluded) for the outbound channel, with the message payload; JSON, or CSV with `format=csv` or `Accept: text/csv`.")
            .WithDescription("Paged: `limit` (1-10000, default 1000) and `cursor` (from the previous page's `nextCursor` in JSON; in CSV the next page is the `Link: <...>; rel=\"next\"` header, as on the segment lists; absent on the last page). CSV columns: user_id, entered_at, message_{key}. Memory is bounded by the page.")
            .Produces<CampaignMembersPage>(StatusCodes.Status200OK, "application/json", "text/csv")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        api.MapGet("/campaigns/{campaignId}/results", (HttpRequest request, string campaignId, CampaignReadouts readouts, CancellationToken ct) =>
                CampaignsEndpoint.ResultsAsync(request, readouts, ct))
            .WithName("GetCampaignResults")
            .WithSummary("Treatment against holdout over the entered users: reactivation, D1/D7/D30 return, active days, sessions, clicks and value per user, each with a 95% interval, CUPED and the MDE; the sample ratio check; warnings.")
            .Produces<ExperimentReadout>()
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
    }
}
