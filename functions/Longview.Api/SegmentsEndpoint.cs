using System.Globalization;
using System.Text;
using Longview.Core.Lifecycle.Members;
using Longview.Core.Lifecycle.Scoring;
using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>
/// GET /api/segments/{segment}/users?minRisk=&amp;limit=&amp;cursor=: one page of the segment's member list of the newest
/// lifecycle day, ranked by value at risk, as JSON or CSV (Accept: text/csv or format=csv; the next cursor then travels
/// in a Link header).
/// </summary>
public static class SegmentsEndpoint
{
    public const int DefaultLimit = 100;

    public static async Task<IResult> GetMembersAsync(HttpRequest request, LifecycleReader reader, CancellationToken cancellationToken)
    {
        var segment = PathIds.Read(request, "segment", fromEnd: 2);
        if (segment.Problem is { } invalid)
        {
            return invalid;
        }
        if (!SegmentNames.IsWellFormed(segment.Value))
        {
            return Problems.InvalidParameter("segment", $"'{segment.Value}' is not a segment name: lowercase letters, digits and '_', at most {SegmentNames.MaxLength} characters (a stage such as at_risk, rfm_champions, group_2)");
        }
        if (Parameters(request, out var problem) is not { } query)
        {
            return problem!;
        }
        if (ResponseFormat.WantsCsv(request, out var formatProblem) is not { } csv)
        {
            return formatProblem!;
        }
        var page = await reader.MembersAsync(segment.Value, query.MinRisk, query.Limit, query.Cursor, cancellationToken).ConfigureAwait(false);
        if (page is null)
        {
            return Problems.NotFound("No such segment list", query.Cursor is null
                ? $"The newest lifecycle day has no list '{segment.Value}', or the daily lifecycle job has not completed yet (POST /api/retention/runs runs it after the retention reports)."
                : "The lists of the cursor's day are gone; start again without a cursor.");
        }
        if (!csv)
        {
            return TypedResults.Ok(page);
        }
        ResponseFormat.LinkNext(request, page.NextCursor);
        return TypedResults.Text(MemberCsv.ToCsv(page.Users), "text/csv; charset=utf-8", Encoding.UTF8);
    }

    private sealed record Query(double MinRisk, int Limit, MemberCursor? Cursor);

    private static Query? Parameters(HttpRequest request, out IResult? problem)
    {
        problem = null;
        var minRisk = 0.0;
        if (request.Query["minRisk"].FirstOrDefault() is { } riskText
            && (!double.TryParse(riskText, NumberStyles.Float, CultureInfo.InvariantCulture, out minRisk) || !(minRisk >= 0 && minRisk <= 1)))
        {
            problem = Problems.InvalidParameter("minRisk", $"'{riskText}' is not a churn risk in [0, 1]");
            return null;
        }
        if (PageLimit.Read(request, DefaultLimit, LifecycleReader.MaxLimit, out problem) is not { } limit)
        {
            return null;
        }
        MemberCursor? cursor = null;
        if (request.Query["cursor"].FirstOrDefault() is { } cursorText)
        {
            if (!MemberCursor.TryParse(cursorText, out var parsed))
            {
                problem = Problems.InvalidParameter("cursor", "not a cursor this route returned (pass nextCursor unchanged)");
                return null;
            }
            cursor = parsed;
        }
        return new Query(minRisk, limit, cursor);
    }
}
