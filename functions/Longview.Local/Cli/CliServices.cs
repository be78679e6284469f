using Longview.Local.Hosting;

namespace Longview.Local.Cli;

/// <summary>The services of the verbs that do not serve HTTP: the same composition as <c>serve</c>, without Kestrel.</summary>
internal static class CliServices
{
    public static ServiceProvider Create(string dataFolder, LogLevel minimumLevel = LogLevel.Warning) =>
        new ServiceCollection()
            .AddLogging(logging => logging.AddSimpleConsole(console => console.SingleLine = true).SetMinimumLevel(minimumLevel))
            // The same settings as `serve` reads: appsettings.json beside the executable, then environment variables.
            .AddSingleton<IConfiguration>(new ConfigurationBuilder()
                .SetBasePath(AppContext.BaseDirectory)
                .AddJsonFile("appsettings.json", optional: true)
                .AddEnvironmentVariables()
                .Build())
            .AddLongviewLocal(dataFolder)
            .BuildServiceProvider();
}
