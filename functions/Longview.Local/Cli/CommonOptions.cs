using System.Globalization;
using System.CommandLine;
using Longview.Local.Hosting;

namespace Longview.Local.Cli;

/// <summary>Options several verbs share.</summary>
internal static class CommonOptions
{
    public static Option<string> Data() => new("--data")
    {
        Description = "Data folder of the embedded stores (default: .longview/data at the repository root, else under the current directory).",
        DefaultValueFactory = _ => DataFolders.Default(),
    };

    /// <summary>An optional ISO day option (yyyy-MM-dd); a bad one is an error naming the option.</summary>
    public static DateOnly? ParseDay(string? text, string option) =>
        text is null ? null
        : DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day) ? day
        : throw new CliInputException($"{option}: '{text}' is not an ISO date yyyy-MM-dd");

    /// <summary>The full path of an input file or folder the verb reads; a missing one is an error naming the option.</summary>
    public static string ExistingPath(string given, string option)
    {
        var path = Path.GetFullPath(given);
        return File.Exists(path) || Directory.Exists(path)
            ? path
            : throw new CliInputException($"{option}: nothing at {path} ({CliErrors.RelativePathsNote()}); give an existing file or folder");
    }
}
