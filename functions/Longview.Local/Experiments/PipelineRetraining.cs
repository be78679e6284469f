using System.Globalization;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Core.Training.Runs;
using Longview.Infrastructure.Onnx;
using Longview.Local.Training;

namespace Longview.Local.Experiments;

/// <summary>
/// Retraining inside a simulation through the real training pipeline of the self-hosted mode: a run started like
/// <c>POST /api/training/runs</c> (snapshot of the simulated profiles, the Python job through the local process runner,
/// evaluation against the champion, promotion), waited for, then the provider picks up whatever is current. The
/// simulated clock stands still meanwhile; the pipeline's polling waits in real time.
/// </summary>
public sealed class PipelineRetraining(TrainingRuns runs, InProcessTrainingLauncher launcher, OnnxModelProvider provider, IReadOnlyList<string> jobArguments, TextWriter log)
    : IModelRetraining
{
    private readonly List<string> _outcomes = [];

    /// <summary>One line per retraining: when, the run's status and reason, and the version served after it.</summary>
    public IReadOnlyList<string> Outcomes => _outcomes;

    public async Task RetrainAsync(DateTimeOffset at, CancellationToken cancellationToken)
    {
        var started = await runs.StartAsync("simulation", jobArguments, cancellationToken);
        await launcher.WhenIdle().WaitAsync(cancellationToken);
        var ended = await runs.GetAsync(started.RunId, cancellationToken);
        await provider.RefreshAsync(cancellationToken);
        using var lease = provider.Acquire();
        var outcome = string.Create(CultureInfo.InvariantCulture,
            $"{at:yyyy-MM-dd}: run {started.RunId} {ended?.Status.ToString() ?? "missing"} ({ended?.Reason ?? "no reason recorded"}); serving {lease?.Version ?? "no model"}");
        _outcomes.Add(outcome);
        await log.WriteLineAsync("  retraining " + outcome);
    }
}
