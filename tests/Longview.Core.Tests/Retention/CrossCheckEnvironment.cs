namespace Longview.Core.Tests.Retention;

/// <summary>Where the cross-check finds the repository, the shared datasets and Debian's python with pandas.</summary>
internal static class CrossCheckEnvironment
{
    public const string Python = "/usr/bin/python3";

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException($"no Serverless.sln above {AppContext.BaseDirectory}");
    }

    /// <summary>LONGVIEW_SHARED_DATA, or ../shared/data beside the repository root.</summary>
    public static string SharedData() =>
        Environment.GetEnvironmentVariable("LONGVIEW_SHARED_DATA") is { Length: > 0 } configured
            ? configured
            : Path.GetFullPath(Path.Combine(RepositoryRoot(), "..", "shared", "data"));

    public static string LastFmTaggings => Path.Combine(SharedData(), "lastfm-hetrec2011", "user_taggedartists.dat");

    public static string AmazonReviews => Path.Combine(SharedData(), "amazon-musical-instruments-5core", "Musical_Instruments.json");

    /// <summary>Why the cross-check cannot run here, or null when it can.</summary>
    public static string? MissingPrerequisite()
    {
        if (!File.Exists(Python))
        {
            return $"{Python} is absent (install Debian's python3 and python3-pandas; ./dev setup does)";
        }
        if (!Directory.Exists("/usr/lib/python3/dist-packages/pandas"))
        {
            return "Debian's python3-pandas is not installed (./dev setup installs it)";
        }
        foreach (var file in new[] { LastFmTaggings, AmazonReviews })
        {
            if (!File.Exists(file))
            {
                return $"dataset file {file} is absent: set LONGVIEW_SHARED_DATA to the shared data folder";
            }
        }
        return null;
    }
}

/// <summary>A theory that is skipped, with the reason, where python3 + pandas or the shared datasets are absent.</summary>
public sealed class PandasCrossCheckTheoryAttribute : TheoryAttribute
{
    public PandasCrossCheckTheoryAttribute()
    {
        if (CrossCheckEnvironment.MissingPrerequisite() is { } reason)
        {
            Skip = "pandas cross-check skipped: " + reason;
        }
    }
}
