using System.Globalization;
using System.Text;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/campaigns, GET /api/campaigns/{campaignId}, POST .../enrolments (enter today's audience), GET .../members
/// (the treated members for the outbound channel: JSON or CSV, paged by cursor) and GET .../results (treatment against
/// holdout). An unknown id is a 404 problem; a bad limit or cursor a 400 naming it.
/// </summary>
public static class CampaignsEndpoint
{
    public const string NextCursorHeader = "X-Longview-Next-Cursor";
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
        var limitText = request.Query["limit"].FirstOrDefault();
        var limit = DefaultLimit;
        if (limitText is not null && (!int.TryParse(limitText, NumberStyles.None, CultureInfo.InvariantCulture, out limit) || limit is < 1 or > MaxLimit))
        {
            return Problems.InvalidParameter("limit", $"must be an integer between 1 and {MaxLimit}, was '{limitText}'");
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
        if (page.NextCursor is { } next)
        {
            request.HttpContext.Response.Headers[NextCursorHeader] = next;
        }
        var members = page.Items.Select(e => new CampaignMember(e.UserId, e.FirstExposedAt)).ToList();
        return csv
            ? TypedResults.Text(Csv(campaign, members), "text/csv; charset=utf-8", Encoding.UTF8)
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

    /// <summary>userId, enteredAt, then one column per message key (the same on every row, for a CRM import).</summary>
    private static string Csv(CampaignDefinition campaign, IReadOnlyList<CampaignMember> members)
    {
        var keys = campaign.Treatment.Message.Keys.Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        csv.AppendJoin(',', new[] { "userId", "enteredAt" }.Concat(keys.Select(k => Field("message." + k)))).Append('\n');
        foreach (var member in members)
        {
            csv.Append(Field(member.UserId)).Append(',').Append(member.EnteredAt.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture));
            foreach (var key in keys)
            {
                csv.Append(',').Append(Field(campaign.Treatment.Message[key]));
            }
            csv.Append('\n');
        }
        return csv.ToString();
    }

    // RFC 4180 quoting; a leading =, +, - or @ is prefixed with ' so a spreadsheet never runs an id as a formula.
    private static string Field(string value)
    {
        var safe = value.Length > 0 && value[0] is '=' or '+' or '-' or '@' ? "'" + value : value;
        return safe.IndexOfAny([',', '"', '\n', '\r']) >= 0 ? "\"" + safe.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : safe;
    }

    private static IResult Unknown(string id) =>
        Problems.NotFound("Unknown campaign", $"No campaign '{id}' is configured (Longview:Campaigns:Definitions).");
}
