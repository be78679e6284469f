using System.Text;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/campaigns, GET /api/campaigns/{campaignId}, POST .../enrolments (enter today's audience), GET .../members
/// (the treated members for the outbound channel: JSON with nextCursor, or CSV with a Link rel="next" header) and GET .../results (treatment against
/// holdout). An unknown id is a 404 problem; a bad limit or cursor a 400 naming it.
/// </summary>
public static class CampaignsEndpoint
{
    public const int DefaultLimit = 1_000;
    public const int MaxLimit = 10_000;

    public static IResult List(CampaignTargeting campaigns, TimeProvider time)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok(new CampaignList([.. campaigns.Definitions.Select(c => CampaignSummary.Of(c, now))]));
    }

    public static IResult Get(HttpRequest request, CampaignTargeting campaigns, TimeProvider time)
    {
        var id = PathIds.Read(request, "campaignId", fromEnd: 1);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        return campaigns.Find(id.Value) is { } campaign ? TypedResults.Ok(CampaignSummary.Of(campaign, time.GetUtcNow())) : Unknown(id.Value);
    }

    public static async Task<IResult> EnrolAsync(HttpRequest request, CampaignTargeting campaigns, CampaignEnrolment enrolment, CancellationToken cancellationToken)
    {
        if (JsonMediaTypes.Require(request) is { } unsupported)
        {
            return unsupported;
        }
        var id = PathIds.Read(request, "campaignId", fromEnd: 2);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        return campaigns.Find(id.Value) is { } campaign
            ? TypedResults.Ok(await enrolment.EnrolAsync(campaign, cancellationToken).ConfigureAwait(false))
            : Unknown(id.Value);
    }

    public static async Task<IResult> MembersAsync(HttpRequest request, CampaignTargeting campaigns, IExperimentExposureLog entries, CancellationToken cancellationToken)
    {
        var id = PathIds.Read(request, "campaignId", fromEnd: 2);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        if (campaigns.Find(id.Value) is not { } campaign)
        {
            return Unknown(id.Value);
        }
        if (ResponseFormat.WantsCsv(request, out var formatProblem) is not { } csv)
        {
            return formatProblem!;
        }
        if (PageLimit.Read(request, DefaultLimit, MaxLimit, out var limitProblem) is not { } limit)
        {
            return limitProblem!;
        }
        ExposurePage page;
        try
        {
            page = await entries.ReadPageAsync(campaign.LogKey, CampaignArm.Treatment, request.Query["cursor"].FirstOrDefault(), limit, cancellationToken).ConfigureAwait(false);
        }
        catch (InvalidCursorException e)
        {
            return Problems.InvalidParameter("cursor", e.Message);
        }
        var members = page.Items.Select(e => new CampaignMember(e.UserId, e.FirstExposedAt)).ToList();
        if (csv)
        {
            ResponseFormat.LinkNext(request, page.NextCursor);
        }
        return csv
            ? TypedResults.Text(CampaignMemberCsv.ToCsv(campaign, members), "text/csv; charset=utf-8", Encoding.UTF8)
            : TypedResults.Ok(new CampaignMembersPage(campaign.Id, CampaignArm.Treatment, campaign.Treatment.Message, members, page.NextCursor));
    }

    public static async Task<IResult> ResultsAsync(HttpRequest request, CampaignReadouts readouts, CancellationToken cancellationToken)
    {
        var id = PathIds.Read(request, "campaignId", fromEnd: 2);
        if (id.Problem is { } invalid)
        {
            return invalid;
        }
        return await readouts.ComputeAsync(id.Value, cancellationToken).ConfigureAwait(false) is { } readout ? TypedResults.Ok(readout) : Unknown(id.Value);
    }

    private static IResult Unknown(string id) =>
        Problems.NotFound("Unknown campaign", $"No campaign '{id}' is configured (Longview:Campaigns:Definitions).");
}
