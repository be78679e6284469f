using Longview.Local.Hosting;

namespace Longview.Local.Cli;

/// <summary>The services of the verbs that do not serve HTTP: the same composition as <c>serve</c>, without Kestrel.</summary>
internal static class CliServices
{
    public static ServiceProvider Create(string dataFolder, LogLevel minimumLevel = LogLevel.Warning) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(minimumLevel))
            .AddLongviewLocal(dataFolder)
            .BuildServiceProvider();
}
