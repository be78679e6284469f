using System.Globalization;
using Longview.Core.Ingestion;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// The closed loop: users arrive over the first part of the horizon; a queue orders their next sessions; each session
/// moves the shared clock, asks the policy for lists (production arms: the real service with the live profile), lets
/// the user react, and sends the events through the real ingestion path before the next list, so every request sees
/// the profile the previous one produced. A user whose next return falls past the horizon, or who churns, is gone.
/// </summary>
public sealed class ClosedLoopSimulation(
    ClosedLoopOptions options,
    UserModelOptions userModel,
    TastePrior prior,
    ItemFeatures items,
    IRecommendationPolicy policy,
    EventIngestion ingestion,
    SimulatedClock clock,
    IModelRetraining? retraining = null)
{
    public static string UserId(int index) => string.Create(CultureInfo.InvariantCulture, $"sim-user-{index + 1:D6}");

    public async Task<ClosedLoopResult> RunAsync(IProgress<(int Sessions, DateTimeOffset Now)>? progress = null, CancellationToken cancellationToken = default)
    {
        options.EnsureValid();
        userModel.EnsureValid();
        if (options.RetrainEveryDays is not null && retraining is null)
        {
            throw new ArgumentException("retrain-every: given, but this loop has no retraining to call", nameof(options));
        }
        if (clock.Now > options.Start)
        {
            throw new InvalidOperationException($"the clock is at {clock.Now:O}, after the simulation start {options.Start:O}");
        }
        var behaviour = new UserBehaviour(userModel, prior, items);
        var end = options.End;
        var users = new SimulatedUser[options.Users];
        var queue = new PriorityQueue<int, (long Ticks, int Index)>(options.Users);
        var window = TimeSpan.FromDays(options.ArrivalWindow);
        for (var i = 0; i < users.Length; i++)
        {
            // Arrival from a generator of its own, so the user's behaviour draws do not depend on the arrival window.
            var arrivalRandom = new Random(SimulationSeeds.ForUser(options.Seed ^ 0x5A17, i));
            var arrival = options.Start + (window * arrivalRandom.NextDouble());
            users[i] = behaviour.Create(options.Seed, i, UserId(i), arrival);
            queue.Enqueue(i, (arrival.UtcTicks, i));
        }

        long ingested = 0;
        var sessions = 0;
        var retrainings = 0;
        var every = options.RetrainEveryDays is { } days ? TimeSpan.FromDays(days) : (TimeSpan?)null;
        var nextRetraining = options.Start + every;
        while (queue.TryDequeue(out var index, out var at))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var user = users[index];
            var start = new DateTimeOffset(at.Ticks, TimeSpan.Zero);
            // Retraining happens between sessions, on the store as it is at that simulated moment.
            while (nextRetraining is { } due && due <= start)
            {
                clock.AdvanceTo(due);
                await retraining!.RetrainAsync(due, cancellationToken).ConfigureAwait(false);
                retrainings++;
                nextRetraining = due + every;
            }
            clock.AdvanceTo(start);
            user.Sessions++;
            sessions++;
            var pending = new List<Events.UserEvent> { user.Writer.SessionStart(start) };
            var now = start.AddSeconds(2);
            int shown = 0, clicks = 0, boring = 0;
            for (var page = 0; page < userModel.MaxPagesPerSession; page++)
            {
                clock.AdvanceTo(now);
                ingested += await IngestAsync(pending, cancellationToken).ConfigureAwait(false);
                var recommendationId = user.Writer.NextRecommendationId();
                var list = await policy.RecommendAsync(user.UserId, options.ListSize, recommendationId, cancellationToken).ConfigureAwait(false);
                user.Requests++;
                var reaction = behaviour.React(user, list, recommendationId, now);
                shown += reaction.Shown;
                clicks += reaction.Clicks;
                boring += reaction.Boring;
                pending = [.. reaction.Events];
                now = reaction.End.AddSeconds(5);
                if (!behaviour.Continues(user, reaction.Clicks))
                {
                    break;
                }
            }
            clock.AdvanceTo(now);
            ingested += await IngestAsync(pending, cancellationToken).ConfigureAwait(false);

            if (behaviour.NextReturn(user, shown, clicks, boring) is not { } gap)
            {
                user.Churned = true;
            }
            else if (now + gap < end)
            {
                var next = now + gap;
                queue.Enqueue(index, (next.UtcTicks, index));
            }
            if (sessions % 1_000 == 0)
            {
                progress?.Report((sessions, clock.Now));
            }
        }
        progress?.Report((sessions, clock.Now));
        var outcomes = users.Select(u => new SimulatedUserOutcome(u.UserId, u.Heavy, u.Sessions, u.Requests, u.Impressions, u.Consumed.Count, u.GenresConsumed.Count, u.Churned)).ToArray();
        return new ClosedLoopResult(outcomes, ingested, retrainings);
    }

    private async Task<int> IngestAsync(List<Events.UserEvent> events, CancellationToken cancellationToken)
    {
        if (events.Count == 0)
        {
            return 0;
        }
        var report = await ingestion.IngestAsync(events, cancellationToken).ConfigureAwait(false);
        if (report.Rejected.Count > 0)
        {
            var first = report.Rejected[0];
            throw new InvalidOperationException($"ingestion rejected {report.Rejected.Count} simulated event(s); first: {first}");
        }
        return events.Count;
    }
}
