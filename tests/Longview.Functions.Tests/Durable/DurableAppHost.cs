using System.Reflection;
using System.Text;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Longview.Core.Ingestion;
using Longview.Core.Ports;
using Longview.Core.Retention.Jobs;
using Longview.Core.Training;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Core.Training.Runs;
using Longview.Core.Workflows;
using Longview.Functions.Campaigns;
using Longview.Functions.Outcomes;
using Longview.Functions.Retention;
using Longview.Functions.Training;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Outcomes;
using Longview.Infrastructure.Reports;
using Longview.Infrastructure.Training;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Longview.Functions.Tests.Durable;

/// <summary>
/// The Functions app's own orchestrator and activity functions (every <c>[Function]</c> method of
/// <see cref="TrainingFunctions"/>, <see cref="RetentionFunctions"/>, <see cref="CampaignFunctions"/> and <see cref="OutcomeFunctions"/> with an orchestration or activity trigger,
/// found by reflection, so a function the app declares cannot be left out) on the Durable Task in-process test host,
/// over the real Core steps and the embedded stores (SQLite profiles and reports, a folder as blob storage) in a temp
/// folder. Only the GPU job runner and the champion's ONNX scoring are stand-ins (<see cref="FakeJobRunner"/>,
/// <see cref="FixedChampionEvaluator"/>); a <see cref="FlakyBlobStore"/> and a <see cref="FailingReportStore"/> inject faults.
/// </summary>
public sealed class DurableAppHost : IAsyncDisposable
{
    private readonly DurableTaskTestHost _host;
    private readonly ServiceProvider _services;
    private readonly string _folder;

    private DurableAppHost(DurableTaskTestHost host, ServiceProvider services, string folder)
    {
        _host = host;
        _services = services;
        _folder = folder;
    }

    public DurableTaskClient Client => _host.Client;

    public IServiceProvider Services => _services;

    public FakeJobRunner Runner => _services.GetRequiredService<FakeJobRunner>();

    public FlakyBlobStore Blobs => _services.GetRequiredService<FlakyBlobStore>();

    public FailingReportStore Reports => _services.GetRequiredService<FailingReportStore>();

    public FixedChampionEvaluator Evaluator => _services.GetRequiredService<FixedChampionEvaluator>();

    public TrainingPipelineOptions TrainingOptions => _services.GetRequiredService<IOptions<TrainingPipelineOptions>>().Value;

    public RetentionJobOptions RetentionOptions => _services.GetRequiredService<RetentionJobOptions>();

    /// <summary>Retries quick enough for a test: 3 attempts, 50 ms apart.</summary>
    public static StepRetry QuickRetry() => new() { MaxAttempts = 3, FirstDelay = TimeSpan.FromMilliseconds(50), BackoffCoefficient = 1, MaxDelay = TimeSpan.FromMilliseconds(50) };

    public static async Task<DurableAppHost> StartAsync(Action<TrainingPipelineOptions>? training = null, Action<CampaignOptions>? campaigns = null)
    {
        var folder = Directory.CreateTempSubdirectory("longview-durable-").FullName;
        var services = new ServiceCollection();
        services.AddLogging(logging => logging.SetMinimumLevel(LogLevel.Warning));
        services.AddSingleton(TimeProvider.System);
        services.AddEmbeddedStores(options => options.DataFolder = folder);
        // Fault injection around the real folder store and the real SQLite reports store.
        services.AddSingleton<FlakyBlobStore>(sp => new FlakyBlobStore(sp.GetRequiredService<FolderBlobStore>()));
        services.Replace(ServiceDescriptor.Singleton<IBlobStore>(sp => sp.GetRequiredService<FlakyBlobStore>()));
        services.AddEmbeddedReportStore();
        services.AddSingleton<FailingReportStore>(sp => new FailingReportStore(sp.GetRequiredService<SqliteRetentionReportStore>()));
        services.Replace(ServiceDescriptor.Singleton<IRetentionReportStore>(sp => sp.GetRequiredService<FailingReportStore>()));
        services.AddLongviewIngestion();

        services.AddLongviewTraining(options =>
        {
            options.PollInterval = TimeSpan.FromMilliseconds(100);
            options.Timeout = TimeSpan.FromSeconds(30);
            options.StepRetry = QuickRetry();
            options.SnapshotPartUsers = 2; // the three-user history is snapshotted in two parts (two activities)
            training?.Invoke(options);
        });
        services.AddSingleton<FakeJobRunner>();
        services.AddSingleton<ITrainingJobRunner>(sp => sp.GetRequiredService<FakeJobRunner>());
        services.AddSingleton<FixedChampionEvaluator>();
        services.Replace(ServiceDescriptor.Singleton<IChampionEvaluator>(sp => sp.GetRequiredService<FixedChampionEvaluator>()));

        services.AddRetentionJob();
        services.AddLongviewExperiments().AddEmbeddedOutcomeStores();
        services.Configure<CampaignOptions>(options => campaigns?.Invoke(options));
        services.Configure<RetentionJobOptions>(options =>
        {
            options.DailyCohortDays = 30;
            options.CohortMonths = 2;
            options.ActivityDays = 30;
            options.DayRetry = QuickRetry();
        });
        var provider = services.BuildServiceProvider();

        var trainingFunctions = ActivatorUtilities.CreateInstance<TrainingFunctions>(provider);
        var retention = ActivatorUtilities.CreateInstance<RetentionFunctions>(provider);
        var outcomes = ActivatorUtilities.CreateInstance<OutcomeFunctions>(provider);
        var campaignFunctions = ActivatorUtilities.CreateInstance<CampaignFunctions>(provider);
        var host = await DurableTaskTestHost.StartAsync(registry =>
        {
            AddFunctions(registry, trainingFunctions);
            AddFunctions(registry, retention);
            AddFunctions(registry, outcomes);
            AddFunctions(registry, campaignFunctions);
        });
        return new DurableAppHost(host, provider, folder);
    }

    /// <summary>Queues a training run as the app does (TrainingRuns + the app's Durable launcher).</summary>
    public TrainingRuns Runs() => new(
        _services.GetRequiredService<ITrainingRunStore>(), new DurableTrainingLauncher(Client), _services.GetRequiredService<IOptions<TrainingPipelineOptions>>(), TimeProvider.System);

    public async Task<OrchestrationMetadata> WaitAsync(string instanceId)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
        return await Client.WaitForInstanceCompletionAsync(instanceId, getInputsAndOutputs: true, timeout.Token);
    }

    /// <summary>Ingests events through the real ingestion path into the SQLite profile store.</summary>
    public async Task IngestAsync(params (string User, string Item, string Type, string Timestamp)[] events)
    {
        var body = new StringBuilder();
        var n = 0;
        foreach (var (user, item, type, timestamp) in events)
        {
            body.Append($$"""{"eventId":"e{{n++}}-{{user}}","userId":"{{user}}","itemId":"{{item}}","type":"{{type}}","timestamp":"{{timestamp}}"}""").Append('\n');
        }
        var result = await _services.GetRequiredService<EventIngestion>().IngestAsync(Encoding.UTF8.GetBytes(body.ToString()));
        Assert.NotNull(result);
    }

    /// <summary>
    /// An orchestrator reads its input with <c>GetInput&lt;T&gt;()</c>, which the Functions worker deserializes and the
    /// test host only casts: the test host must be told each orchestrator's input type.
    /// </summary>
    private static readonly Dictionary<string, Type> OrchestratorInputs = new(StringComparer.Ordinal)
    {
        [TrainingFunctions.Orchestrator] = typeof(TrainingPipelineInput),
        [RetentionFunctions.Orchestrator] = typeof(RetentionRunRange),
    };

    private static void AddFunctions(DurableTaskRegistry registry, object functions)
    {
        foreach (var method in functions.GetType().GetMethods(BindingFlags.Public | BindingFlags.Instance))
        {
            if (method.GetCustomAttribute<FunctionAttribute>() is not { } function)
            {
                continue;
            }
            var parameters = method.GetParameters();
            if (parameters.Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            {
                var output = method.ReturnType.GetGenericArguments()[0];
                typeof(DurableAppHost).GetMethod(nameof(AddOrchestrator), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(OrchestratorInputs[function.Name], output).Invoke(null, [registry, function.Name, functions, method]);
            }
            else if (parameters.Length > 0 && parameters[0].GetCustomAttribute<ActivityTriggerAttribute>() is not null)
            {
                var output = method.ReturnType.GetGenericArguments()[0];
                typeof(DurableAppHost).GetMethod(nameof(AddActivity), BindingFlags.NonPublic | BindingFlags.Static)!
                    .MakeGenericMethod(parameters[0].ParameterType, output).Invoke(null, [registry, function.Name, functions, method]);
            }
        }
    }

    private static void AddOrchestrator<TInput, TOutput>(DurableTaskRegistry registry, string name, object target, MethodInfo method)
    {
        var run = method.CreateDelegate<Func<TaskOrchestrationContext, Task<TOutput>>>(target);
        registry.AddOrchestratorFunc<TInput, TOutput>(name, (context, _) => run(context));
    }

    private static void AddActivity<TInput, TOutput>(DurableTaskRegistry registry, string name, object target, MethodInfo method)
    {
        var run = method.CreateDelegate<Func<TInput, CancellationToken, Task<TOutput>>>(target);
        registry.AddActivityFunc<TInput, TOutput>(name, (context, input) => run(input, CancellationToken.None));
    }

    public async ValueTask DisposeAsync()
    {
        await _host.DisposeAsync();
        await _services.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_folder, recursive: true);
        }
        catch (IOException)
        {
            // A temp folder left behind is harmless.
        }
    }
}
