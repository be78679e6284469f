using System.Net;
using System.Text;
using System.Text.Json;
using Longview.Core.Events;
using Longview.Core.Health;
using Longview.Core.Ingestion;
using Longview.Core.Items;
using Longview.Core.Profiles;
using Longview.Core.Retention.Jobs;
using Longview.Core.Serialization;
using Longview.Core.Serving;
using Longview.Core.Training;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Onnx;
using Longview.Local.Hosting;
using Longview.Local.Serving;
using Longview.Local.Tests.Cli;
using Longview.Local.Tests.Support;
using Longview.Local.Training;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Local.Tests.Settings;

/// <summary>
/// Settings the .NET way in the self-hosted host: every section bound from appsettings.json, environment variables and
/// the command line; a bad value refuses start with the setting's name; appsettings.json lists real settings with their
/// real defaults.
/// </summary>
public sealed class SettingsTests
{
    public static TheoryData<string, string> BadSettings() => new()
    {
        { "Longview:Events:MaxBodyBytes", "-1" },
        { "Longview:Items:MaxItemsPerBatch", "0" },
        { "Longview:Profiles:AffinityHalfLife", "00:00:00" },
        { "Longview:Ingestion:MaxConflictRetries", "-3" },
        { "Longview:Recommendations:MinCandidates", "0" },
        { "Longview:Onnx:IntraOpNumThreads", "0" },
        { "Longview:Training:Schedule", "every day" },
        { "Longview:Training:RunLease", "00:01:00" },
        { "Longview:Retention:Schedule", "0 15 0 * *" },
        { "Longview:Readiness:CheckTimeout", "00:10:00" },
        { "Longview:Security:HashHexLength", "4" },
        { "Longview:Serving:ImpressionBatchSize", "0" },
        { "Retention:Job:DailyCohortDays", "0" },
    };

    [Theory]
    [MemberData(nameof(BadSettings))]
    public async Task A_bad_setting_on_the_command_line_refuses_start_naming_it(string setting, string value)
    {
        using var folder = new TempFolder();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(async () =>
        {
            await using var app = LocalWebApp.Create(Options(folder.Path, $"--{setting}={value}"), logging => logging.ClearProviders());
            await app.StartAsync();
            await app.StopAsync();
        });

        Assert.Contains(setting, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Serve_with_a_bad_setting_exits_with_one_line_naming_it()
    {
        using var folder = new TempFolder();

        var result = await LongviewProcess.RunAppAsync(folder.Path, "serve", "--data", "data", "--urls", "http://127.0.0.1:0", "--no-seed", "--Longview:Events:MaxBodyBytes=-1");

        Assert.Equal(2, result.ExitCode);
        var line = Assert.Single(result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Equal("longview serve: invalid settings: Longview:Events:MaxBodyBytes = -1: The field MaxBodyBytes must be between 1 and 268435456", line.TrimEnd('.'));
    }

    [Fact]
    public async Task A_documented_setting_given_on_the_command_line_changes_what_the_app_accepts()
    {
        using var defaults = new TempFolder();
        using var limited = new TempFolder();
        var body = "[" + string.Join(",", Enumerable.Range(1, 3).Select(i =>
            $$"""{"eventId":"e{{i}}","userId":"u1","itemId":"i1","type":"view","timestamp":"2025-03-01T10:00:00Z"}""")) + "]";

        var asShipped = await PostEventsAsync(Options(defaults.Path), body);
        var withSetting = await PostEventsAsync(Options(limited.Path, "--Longview:Events:MaxEventsPerBatch=2"), body);

        Assert.Equal(HttpStatusCode.OK, asShipped);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, withSetting);
    }

    [Fact]
    public async Task An_environment_style_setting_reaches_the_options_the_services_read()
    {
        using var folder = new TempFolder();
        await using var app = LocalWebApp.Create(Options(folder.Path), logging => logging.ClearProviders(),
            builder => builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
            {
                // What Longview__Profiles__MaxRecentEvents=7 and Longview__Training__Local__TrainFirstModel=false become.
                ["Longview:Profiles:MaxRecentEvents"] = "7",
                ["Longview:Training:Local:TrainFirstModel"] = "false",
                ["Longview:Serving:ImpressionBatchSize"] = "33",
            }));

        Assert.Equal(7, app.Services.GetRequiredService<IOptions<ProfileLimits>>().Value.MaxRecentEvents);
        Assert.False(app.Services.GetRequiredService<IOptions<LocalTrainingOptions>>().Value.TrainFirstModel);
        Assert.Equal(33, app.Services.GetRequiredService<LocalServingOptions>().ImpressionBatchSize);
    }

    /// <summary>Each section of appsettings.json and the class that reads it; strict: every key must be one of its properties.</summary>
    public static TheoryData<string, Type, bool> Sections() => new()
    {
        { EventLimits.SectionName, typeof(EventLimits), true },
        { ItemLimits.SectionName, typeof(ItemLimits), true },
        { ProfileLimits.SectionName, typeof(ProfileLimits), true },
        { IngestionOptions.SectionName, typeof(IngestionOptions), true },
        { RecommendationOptions.SectionName, typeof(RecommendationOptions), true },
        { OnnxModelOptions.SectionName, typeof(OnnxModelOptions), true },
        { LocalServingOptions.SectionName, typeof(LocalServingOptions), true },
        // "Longview:Training:Local" sits inside the pipeline's section.
        { TrainingPipelineOptions.SectionName, typeof(TrainingPipelineOptions), false },
        { LocalTrainingOptions.SectionName, typeof(LocalTrainingOptions), true },
        { RetentionScheduleOptions.SectionName, typeof(RetentionScheduleOptions), true },
        { ReadinessOptions.SectionName, typeof(ReadinessOptions), true },
        { Core.Privacy.UserIdHashOptions.SectionName, typeof(Core.Privacy.UserIdHashOptions), true },
        { EmbeddedStoreOptions.SectionName, typeof(EmbeddedStoreOptions), true },
        { RetentionJobOptions.SectionName, typeof(RetentionJobOptions), true },
    };

    [Theory]
    [MemberData(nameof(Sections))]
    public void Appsettings_lists_real_settings_with_the_defaults_the_code_has(string section, Type type, bool strict)
    {
        var file = new ConfigurationBuilder().AddJsonFile(Path.Combine(SharedData.RepositoryRoot(), "functions", "Longview.Local", "appsettings.json")).Build();
        var listed = file.GetSection(section);
        var defaults = Activator.CreateInstance(type)!;
        var bound = Activator.CreateInstance(type)!;

        Assert.True(listed.Exists(), $"appsettings.json has no section {section}");
        listed.Bind(bound, options => options.ErrorOnUnknownConfiguration = strict);

        Assert.Equal(JsonSerializer.Serialize(defaults, type, LongviewJson.Options), JsonSerializer.Serialize(bound, type, LongviewJson.Options));
    }

    private static LocalHostOptions Options(string dataFolder, params string[] settings) =>
        new() { Urls = "http://127.0.0.1:0", DataFolder = dataFolder, SeedWhenEmpty = false, SettingArgs = settings };

    private static async Task<HttpStatusCode> PostEventsAsync(LocalHostOptions options, string body)
    {
        await using var app = LocalWebApp.Create(options, logging => logging.ClearProviders());
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        using var client = new HttpClient { BaseAddress = new Uri(address) };
        var response = await client.PostAsync("/api/events", new StringContent(body, Encoding.UTF8, "application/json"));
        await app.StopAsync();
        return response.StatusCode;
    }
}
