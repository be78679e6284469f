using System.Reflection;

namespace Longview.Infra.Tests;

/// <summary>Where the repository and the restored bicep CLI are, seen from the test assembly.</summary>
internal static class RepositoryPaths
{
    public static string Root { get; } = FindRoot();

    public static string Infra => Path.Combine(Root, "infra");

    public static string Functions => Path.Combine(Root, "functions", "Longview.Functions");

    public static string Bicep
    {
        get
        {
            var folder = typeof(RepositoryPaths).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>()
                .Single(a => a.Key == "BicepPackageFolder").Value;
            Assert.False(string.IsNullOrEmpty(folder), "the Azure.Bicep.CommandLine.linux-x64 package folder is unknown: restore the test project");
            var path = Path.Combine(folder!, "tools", "bicep");
            Assert.True(File.Exists(path), $"bicep CLI not found at {path}");
            return path;
        }
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")))
            {
                return dir.FullName;
            }
        }
        throw new InvalidOperationException("Serverless.sln not found above the test assembly.");
    }
}
