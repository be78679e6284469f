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
}
