using Longview.Core.Events;

namespace Longview.Core.Simulation.ClosedLoop;

/// <summary>
/// The user model: who arrives (bootstrapped taste, heavy or casual, base return rate), how they react to a list
/// (position bias, relevance, appeal, novelty, repetition and impression fatigue), and when they come back (a return
/// rate raised by satisfaction and lowered by boredom; a churn draw after each session that does the opposite).
/// </summary>
internal sealed class UserBehaviour(UserModelOptions options, TastePrior prior, ItemFeatures items)
{
    private static readonly TimeSpan ItemDwell = TimeSpan.FromSeconds(40);
    private static readonly TimeSpan ImpressionGap = TimeSpan.FromSeconds(1);

    public SimulatedUser Create(int seed, int index, string userId, DateTimeOffset arrival)
    {
        var random = new Random(SimulationSeeds.ForUser(seed, index));
        var (taste, heavy) = prior.Draw(random, options.HeavyQuantile);
        var shape = options.ReturnRateShape;
        var rate = Draws.Gamma(random, shape) * (options.ReturnRateMean / shape) * (heavy ? options.HeavyRateMultiplier : 1);
        return new SimulatedUser(index, userId, random, new SessionWriter(seed, userId, index), taste, heavy, rate, arrival);
    }

    /// <summary>The user's reaction to one list shown at <paramref name="at"/>; updates what they consumed and saw.</summary>
    public PageReaction React(SimulatedUser user, IReadOnlyList<string> shown, string recommendationId, DateTimeOffset at)
    {
        var events = new List<UserEvent>(shown.Count * 2);
        var clock = at;
        var clicks = 0;
        var boring = 0;
        var examine = 1.0;
        foreach (var itemId in shown)
        {
            events.Add(user.Writer.Item(EventType.Impression, itemId, clock, null, recommendationId));
            clock += ImpressionGap;
            var before = user.Shown.GetValueOrDefault(itemId);
            var consumed = user.Consumed.Contains(itemId);
            if (consumed || before >= options.BoredAfterImpressions)
            {
                boring++;
            }
            user.Shown[itemId] = before + 1;
            user.Impressions++;
            var looked = user.Random.NextDouble() < examine;
            examine *= options.ExamineDecay;
            if (!looked)
            {
                continue;
            }
            var genres = items.GenresOf(itemId);
            var relevance = user.RelevanceOf(genres);
            var appeal = items.AppealOf(itemId);
            var p = Draws.Sigmoid(options.ClickIntercept + (options.RelevanceWeight * relevance) + (options.AppealWeight * appeal) + (options.NoveltyWeight * Novelty(user, genres)));
            p *= consumed ? options.RepeatClickFactor : Math.Pow(options.ImpressionFatigue, before);
            if (user.Random.NextDouble() >= p)
            {
                continue;
            }
            clicks++;
            events.Add(user.Writer.Item(EventType.Click, itemId, clock, null, recommendationId));
            clock += ItemDwell;
            Consume(user, itemId, genres);
            if (user.Random.NextDouble() < options.RateProbability)
            {
                var stars = Math.Clamp(Math.Round(1 + (2.5 * relevance) + (1.5 * appeal) + (options.RatingNoise * Draws.Normal(user.Random))), 1, 5);
                events.Add(user.Writer.Item(EventType.Rating, itemId, clock, stars, recommendationId));
                clock += ImpressionGap;
            }
        }
        return new PageReaction(events, shown.Count, clicks, boring, clock);
    }

    /// <summary>Whether the user asks for another list after a page with <paramref name="clicks"/> clicks.</summary>
    public bool Continues(SimulatedUser user, int clicks) =>
        clicks > 0 && user.Random.NextDouble() < (user.Heavy ? options.HeavyContinueProbability : options.ContinueProbability);

    /// <summary>Time until the next session, or null when the user leaves for good after this one.</summary>
    public TimeSpan? NextReturn(SimulatedUser user, int shown, int clicks, int boring)
    {
        var satisfaction = shown == 0 ? 0 : (double)clicks / shown;
        var boredom = shown == 0 ? 0 : (double)boring / shown;
        var mood = (options.SatisfactionEffect * (satisfaction - options.ReferenceSatisfaction)) - (options.BoredomEffect * boredom);
        var leave = Math.Clamp(options.ChurnPerSession * Math.Exp(-mood), 0, 1);
        if (user.Random.NextDouble() < leave)
        {
            return null;
        }
        // Gaps are a mixture: quick follow-ups (the burst real users show right after arriving) or the user's own rate.
        var baseRate = user.Random.NextDouble() < options.QuickReturnShare ? 1 / options.QuickReturnDays : user.BaseRate;
        var rate = baseRate * Math.Exp(mood);
        var days = Draws.Exponential(user.Random, Math.Max(rate, 1e-9));
        // Past about 30 years the user is gone for any horizon the simulator accepts.
        return TimeSpan.FromDays(Math.Min(days, 10_000));
    }

    private double Novelty(SimulatedUser user, int[] genres)
    {
        if (user.RecentGenres.Count == 0)
        {
            return 0;
        }
        foreach (var recent in user.RecentGenres)
        {
            foreach (var g in genres)
            {
                if (Array.IndexOf(recent, g) >= 0)
                {
                    return 0;
                }
            }
        }
        return 1;
    }

    private void Consume(SimulatedUser user, string itemId, int[] genres)
    {
        user.Consumed.Add(itemId);
        user.RecentGenres.Enqueue(genres);
        while (user.RecentGenres.Count > options.NoveltyMemory)
        {
            user.RecentGenres.Dequeue();
        }
        foreach (var g in genres)
        {
            user.GenresConsumed.Add(g);
        }
    }
}
