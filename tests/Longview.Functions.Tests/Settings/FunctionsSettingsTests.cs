using Longview.Core.Events;
using Longview.Core.Profiles;
using Longview.Functions.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Tests.Settings;

/// <summary>
/// The Functions app's settings the .NET way: the app's own composition (<see cref="LongviewFunctionsServices"/>) binds
/// every section from its configuration (app settings arrive as environment variables) and refuses to start on a bad
/// value with the setting's name, as the self-hosted host does.
/// </summary>
public sealed class FunctionsSettingsTests
{
    private static readonly Dictionary<string, string?> Valid = new()
    {
        ["Cosmos:Endpoint"] = "https://longview.documents.azure.com:443/",
        ["Blob:ServiceUri"] = "https://longview.blob.core.windows.net/",
    };

    [Theory]
    [InlineData("Longview:Events:MaxBodyBytes", "-1")]
    [InlineData("Longview:Profiles:MaxRecentEvents", "0")]
    [InlineData("Longview:Recommendations:MinCandidates", "0")]
    [InlineData("Longview:Training:Schedule", "at three")]
    [InlineData("Longview:Retention:Schedule", "0 15 0 * *")]
    [InlineData("Longview:Readiness:MaxReportAgeDays", "0")]
    [InlineData("Longview:Stream:MaxEventsPerPass", "0")]
    [InlineData("Longview:TransientRetry:MaxAttempts", "0")]
    [InlineData("Retention:Job:CohortMonths", "0")]
    [InlineData("Longview:Outcomes:AttributionWindow", "00:00:10")]
    [InlineData("Longview:Outcomes:PageSize", "0")]
    [InlineData("Longview:Outcomes:Cosmos:DayPartitions", "0")]
    [InlineData("Longview:Experiments:Definitions:0:Id", "Not An Id")]
    [InlineData("Longview:Campaigns:Definitions:0:Treatment:Weights:Novelty", "NaN")]
    public void A_bad_setting_refuses_start_naming_it(string setting, string value)
    {
        using var services = Build(new Dictionary<string, string?>(Valid) { [setting] = value });

        var error = Assert.ThrowsAny<Exception>(() => services.GetRequiredService<IStartupValidator>().Validate());

        Assert.True(error is OptionsValidationException or AggregateException, error.ToString());
        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Valid_settings_start_and_reach_the_options_the_services_read()
    {
        using var services = Build(new Dictionary<string, string?>(Valid)
        {
            ["Longview:Events:MaxEventsPerBatch"] = "7",
            ["Longview:Profiles:ActiveDaysWindow"] = "90",
            ["Longview:Outcomes:AttributionWindow"] = "02:00:00",
            ["Longview:Campaigns:Definitions:0:Id"] = "winback",
            ["Longview:Campaigns:Definitions:0:Start"] = "2026-01-01T00:00:00Z",
            ["Longview:Campaigns:Definitions:0:End"] = "2026-02-01T00:00:00Z",
            ["Longview:Campaigns:Definitions:0:Audience:RfmTiers:0"] = "cant_lose",
        });

        services.GetRequiredService<IStartupValidator>().Validate();

        Assert.Equal(7, services.GetRequiredService<IOptions<EventLimits>>().Value.MaxEventsPerBatch);
        Assert.Equal(90, services.GetRequiredService<IOptions<ProfileLimits>>().Value.ActiveDaysWindow);
        Assert.Equal(TimeSpan.FromHours(2), services.GetRequiredService<IOptions<Longview.Core.Outcomes.OutcomeOptions>>().Value.AttributionWindow);
        Assert.Equal(["cant_lose"], services.GetRequiredService<IOptions<Longview.Core.Campaigns.CampaignOptions>>().Value.Definitions.Single().Audience.RfmTiers);
    }

    private static ServiceProvider Build(Dictionary<string, string?> settings)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection().AddLogging();
        services.AddLongviewFunctions(configuration);
        return services.BuildServiceProvider();
    }
}
