using Longview.Core.Events;
using Longview.Core.Import;
using Longview.Core.Retention;

namespace Longview.Local.Retention;

/// <summary>What a raw dataset file gave: the users' activity and the lines that were refused or left out.</summary>
internal sealed record DatasetActivityResult(IReadOnlyList<UserActivity> Users, long Events, long Refused, long BeforeMinTimestamp, string? FirstError);

/// <summary>
/// Reads a raw dataset file through Core's line parsers straight into activity (no store), for <c>retention --dataset</c>.
/// Events before the event contract's MinTimestamp are left out, as ingestion would refuse them.
/// </summary>
internal static class DatasetActivity
{
    public static readonly IReadOnlyList<string> Formats = ["lastfm", "amazon", "ml-1m", "cdnow"];

    public static DatasetActivityResult Read(string path, string format, EventLimits limits, int maxUsers = 1_000_000)
    {
        var file = format switch
        {
            "lastfm" => Directory.Exists(path) ? Path.Combine(path, "user_taggedartists.dat") : path,
            "amazon" => path,
            "ml-1m" => Directory.Exists(path) ? Path.Combine(path, "ratings.dat") : path,
            "cdnow" => Directory.Exists(path) ? Path.Combine(path, "CDNOW_sample.txt") : path,
            _ => throw new ArgumentException($"--format: '{format}' is not one of {string.Join(", ", Formats)}", nameof(format)),
        };
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"--dataset: no file at {file}", file);
        }
        // ml-1m and cdnow are line formats of the importer (IDatasetFormat); Last.fm and Amazon have their own parsers.
        IDatasetFormat? lineFormat = format switch
        {
            "ml-1m" => new MovieLens1MFormat(),
            "cdnow" => new CdnowFormat(),
            _ => null,
        };
        var collector = new UserActivityCollector(maxUsers);
        long events = 0, refused = 0, early = 0;
        string? firstError = null;
        var index = 0;
        foreach (var line in File.ReadLines(file, lineFormat?.Encoding ?? System.Text.Encoding.UTF8))
        {
            index++;
            if (line.Length == 0 || (format == "lastfm" && index == 1 && LastFmTaggingFormat.IsHeader(line)))
            {
                continue;
            }
            UserEvent? parsed;
            string? error;
            switch (format)
            {
                case "lastfm":
                    error = LastFmTaggingFormat.TryParse(line, index, out parsed, out var lastFmError) ? null : lastFmError.ToString();
                    break;
                case "amazon":
                    error = AmazonReviewsFormat.TryParse(line, index, out parsed, out var amazonError) ? null : amazonError.ToString();
                    break;
                default:
                    var result = lineFormat!.ParseEvent(line, index);
                    parsed = result.Value;
                    error = result.Error is null ? null : $"line {index}: {result.Error}";
                    break;
            }
            if (parsed is null)
            {
                if (error is not null)
                {
                    refused++;
                    firstError ??= error;
                }
                continue;
            }
            if (parsed.Timestamp < limits.MinTimestamp)
            {
                early++;
                continue;
            }
            collector.Add(parsed);
            events++;
        }
        return new DatasetActivityResult([.. collector.Activities()], events, refused, early, firstError);
    }
}
