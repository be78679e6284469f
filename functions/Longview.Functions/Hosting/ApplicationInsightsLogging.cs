using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Longview.Functions.Hosting;

public static class ApplicationInsightsLogging
{
    private const string ApplicationInsightsProvider =
        "Microsoft.Extensions.Logging.ApplicationInsights.ApplicationInsightsLoggerProvider";

    /// <summary>
    /// The Application Insights SDK adds a filter that keeps only Warning and above from every category. The batch
    /// outcome lines (counts per Event Hubs batch) are Information, so that default rule goes; levels then come from the
    /// "Logging" configuration section like any other provider.
    /// </summary>
    public static ILoggingBuilder KeepInformationLogsInApplicationInsights(this ILoggingBuilder logging)
    {
        logging.Services.Configure<LoggerFilterOptions>(options =>
        {
            var defaultRule = options.Rules.FirstOrDefault(rule => rule.ProviderName == ApplicationInsightsProvider);
            if (defaultRule is not null)
            {
                options.Rules.Remove(defaultRule);
            }
        });
        return logging;
    }
}
