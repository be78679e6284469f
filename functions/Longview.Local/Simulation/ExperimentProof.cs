using System.Globalization;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Local.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Longview.Local.Simulation;

/// <summary>
/// Proof through the product's own routes that an experiment readout recovers a known effect: starts the self-hosted
/// app on a loopback port with a simulated clock and one experiment, posts each user's pre-period activity
/// (POST /api/events), asks for every user's recommendations on day 0 (GET .../recommendations: the product assigns
/// the variant and logs the exposure), lets each user be active on the following days with their own probability plus
/// the injected effect if the product treated them, and reads GET /api/experiments/proof/results. The true effect of
/// each metric is computed from the users' known probabilities, so coverage and the A/A false-positive rate are
/// checked against the truth, not against another estimate.
/// </summary>
public static class ExperimentProof
{
    public const string ExperimentId = "proof";
    private static readonly DateTimeOffset Day0 = new(2026, 3, 2, 0, 0, 0, TimeSpan.Zero);

    public static async Task<ExperimentProofRun> RunAsync(ExperimentProofOptions options, string dataFolder, CancellationToken cancellationToken = default)
    {
        var random = new Random(options.Seed);
        var clock = new SimulatedClock(Day0.AddHours(12));
        var settings = new Dictionary<string, string?>
        {
            ["Longview:Experiments:Definitions:0:Id"] = ExperimentId,
            ["Longview:Experiments:Definitions:0:Start"] = Day0.ToString("O", CultureInfo.InvariantCulture),
            ["Longview:Experiments:Definitions:0:End"] = Day0.AddDays(options.PostDays + 1).ToString("O", CultureInfo.InvariantCulture),
            ["Longview:Experiments:Definitions:0:Variants:0:Name"] = "control",
            ["Longview:Experiments:Definitions:0:Variants:0:Share"] = "0.5",
            ["Longview:Experiments:Definitions:0:Variants:1:Name"] = "treatment",
            ["Longview:Experiments:Definitions:0:Variants:1:Share"] = "0.5",
            ["Longview:Experiments:Definitions:0:Variants:1:Weights:ExplorationShare"] = "0.3",
            // Outcomes keep a user's events for the window; the proof's users are light, nothing is evicted.
            ["Longview:Experiments:Definitions:0:Salt"] = $"proof-{options.Seed}",
        };
        return await WithAppAsync(settings, clock, dataFolder, http => DriveAsync(http, clock, random, options, cancellationToken), cancellationToken);
    }

    /// <summary>
    /// The win-back campaign through the product's routes: lapsing users (last active 12 days before day 0, so at risk)
    /// and recently active ones (outside the audience); POST .../enrolments on day 0, GET .../members exports the treated
    /// (every page), and the treated members, as if messaged, come back each day with their own probability plus the
    /// injected effect; GET .../results must hold the true lift of reactivation within its interval.
    /// </summary>
    public static async Task<ExperimentProofRun> RunCampaignAsync(ExperimentProofOptions options, string dataFolder, CancellationToken cancellationToken = default)
    {
        var random = new Random(options.Seed);
        var clock = new SimulatedClock(Day0.AddHours(12));
        var settings = new Dictionary<string, string?>
        {
            ["Longview:Campaigns:Definitions:0:Id"] = CampaignId,
            ["Longview:Campaigns:Definitions:0:Start"] = Day0.ToString("O", CultureInfo.InvariantCulture),
            ["Longview:Campaigns:Definitions:0:End"] = Day0.AddDays(CampaignDays + 1).ToString("O", CultureInfo.InvariantCulture),
            ["Longview:Campaigns:Definitions:0:Salt"] = $"winback-{options.Seed}",
            ["Longview:Campaigns:Definitions:0:HoldoutShare"] = "0.3",
            ["Longview:Campaigns:Definitions:0:Audience:Segments:0"] = "at_risk",
            ["Longview:Campaigns:Definitions:0:Treatment:Weights:ExplorationShare"] = "0.4",
            ["Longview:Campaigns:Definitions:0:Treatment:Message:template"] = "we-miss-you",
        };
        return await WithAppAsync(settings, clock, dataFolder, http => DriveCampaignAsync(http, clock, random, options, cancellationToken), cancellationToken);
    }

    public const string CampaignId = "winback";
    private const int CampaignDays = 14;

    private static async Task<ExperimentProofRun> WithAppAsync(Dictionary<string, string?> settings, SimulatedClock clock, string dataFolder, Func<HttpClient, Task<ExperimentProofRun>> drive, CancellationToken cancellationToken)
    {
        await using var app = LocalWebApp.Create(
            new LocalHostOptions { Urls = "http://127.0.0.1:0", DataFolder = dataFolder, SeedWhenEmpty = false },
            logging => logging.ClearProviders(),
            builder =>
            {
                builder.Services.AddSingleton<TimeProvider>(clock);
                builder.Configuration.AddInMemoryCollection(settings);
            });
        await app.StartAsync(cancellationToken);
        try
        {
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            using var http = new HttpClient { BaseAddress = new Uri(address) };
            return await drive(http);
        }
        finally
        {
            await app.StopAsync(CancellationToken.None);
        }
    }

    private static async Task<ExperimentProofRun> DriveCampaignAsync(HttpClient http, SimulatedClock clock, Random random, ExperimentProofOptions options, CancellationToken cancellationToken)
    {
        const int items = 50;
        await PostAsync(http, "/api/items", Enumerable.Range(0, items).Select(i => new JsonObject { ["itemId"] = $"item-{i}", ["title"] = $"Item {i}", ["categories"] = new JsonArray($"c{i % 5}") }), cancellationToken);
        // Lapsing users: active on days -40..-13 with probability p and surely on day -12; every tenth user is active
        // every day up to yesterday instead (low churn risk, so active and outside the audience; an infrequent user
        // active yesterday can still be at risk by the churn score). After day 0 a lapsing user comes back on a day
        // with probability q = p / 4 (+ the effect when treated).
        var users = Enumerable.Range(0, options.Users).Select(i => (Id: $"lapse-{options.Seed}-{i:00000}", P: 0.1 + 0.5 * random.NextDouble(), Lapsing: i % 10 != 0)).ToList();
        var events = new List<JsonObject>();
        var n = 0;
        foreach (var (id, p, lapsing) in users)
        {
            for (var d = -40; d <= (lapsing ? -12 : -1); d++)
            {
                if (!lapsing || d == -12 || random.NextDouble() < p)
                {
                    events.Add(View($"pre-{n++}", id, random.Next(items), Day0.AddDays(d).AddHours(10)));
                }
            }
        }
        await PostAsync(http, "/api/events", events, cancellationToken);

        using (var enrol = new StringContent("", Encoding.UTF8, "application/json"))
        {
            (await http.PostAsync($"/api/campaigns/{CampaignId}/enrolments", enrol, cancellationToken)).EnsureSuccessStatusCode();
        }
        var treated = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = (await http.GetFromJsonAsync<JsonNode>($"/api/campaigns/{CampaignId}/members?limit=250" + (cursor is null ? "" : "&cursor=" + cursor), cancellationToken))!;
            treated.UnionWith(page["members"]!.AsArray().Select(m => (string)m!["userId"]!));
            cursor = (string?)page["nextCursor"];
        }
        while (cursor is not null);
        if (users.Any(u => !u.Lapsing && treated.Contains(u.Id)))
        {
            throw new InvalidOperationException("the members export holds a recently active user, outside the campaign's audience");
        }

        clock.AdvanceTo(Day0.AddDays(CampaignDays + 1).AddHours(12));
        events.Clear();
        foreach (var (id, p, lapsing) in users.Where(u => u.Lapsing))
        {
            var q = p / 4 + (treated.Contains(id) ? options.Effect : 0);
            for (var d = 1; d <= CampaignDays; d++)
            {
                if (random.NextDouble() < q)
                {
                    events.Add(View($"post-{n++}", id, random.Next(items), Day0.AddDays(d).AddHours(10)));
                }
            }
        }
        await PostAsync(http, "/api/events", events, cancellationToken);

        var results = (await http.GetFromJsonAsync<JsonNode>($"/api/campaigns/{CampaignId}/results", cancellationToken))!;
        var lapsingQ = users.Where(u => u.Lapsing).Select(u => u.P / 4).ToList();
        var truth = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["reactivated"] = lapsingQ.Average(q => Math.Pow(1 - q, CampaignDays) - Math.Pow(1 - q - options.Effect, CampaignDays)),
            ["return_d7"] = lapsingQ.Average(q => Math.Pow(1 - q, 7) - Math.Pow(1 - q - options.Effect, 7)),
            ["active_days7d"] = 7 * options.Effect,
        };
        return Read(results, truth, options, "holdout", "treatment");
    }

    private static async Task<ExperimentProofRun> DriveAsync(HttpClient http, SimulatedClock clock, Random random, ExperimentProofOptions options, CancellationToken cancellationToken)
    {
        const int items = 50;
        await PostAsync(http, "/api/items", Enumerable.Range(0, items).Select(i => new JsonObject { ["itemId"] = $"item-{i}", ["title"] = $"Item {i}", ["categories"] = new JsonArray($"c{i % 5}") }), cancellationToken);

        // Each user's daily activity probability, known to the simulation only; the pre-period gives CUPED its signal.
        var users = Enumerable.Range(0, options.Users).Select(i => (Id: $"proof-{options.Seed}-{i:00000}", P: 0.05 + 0.6 * random.NextDouble())).ToList();
        var events = new List<JsonObject>();
        var n = 0;
        foreach (var (id, p) in users)
        {
            for (var d = -options.PreDays; d < 0; d++)
            {
                if (random.NextDouble() < p)
                {
                    events.Add(View($"pre-{n++}", id, random.Next(items), Day0.AddDays(d).AddHours(10)));
                }
            }
        }
        await PostAsync(http, "/api/events", events, cancellationToken);

        // Day 0: every user asks for a list; the product assigns and logs the exposure.
        var variants = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (id, _) in users)
        {
            var list = (await http.GetFromJsonAsync<JsonNode>($"/api/users/{id}/recommendations?count=5", cancellationToken))!;
            variants[id] = (string)list["experiments"]!.AsArray().Single(a => (string?)a!["experimentId"] == ExperimentId)!["variant"]!;
        }
        await WaitForExposuresAsync(http, options.Users, cancellationToken);

        // Days 1..PostDays: activity with the injected effect for the treated; posted once the clock has passed them.
        clock.AdvanceTo(Day0.AddDays(options.PostDays + 1).AddHours(12));
        events.Clear();
        foreach (var (id, p) in users)
        {
            var treated = variants[id] == "treatment";
            for (var d = 1; d <= options.PostDays; d++)
            {
                if (random.NextDouble() < p + (treated ? options.Effect : 0))
                {
                    events.Add(View($"post-{n++}", id, random.Next(items), Day0.AddDays(d).AddHours(10)));
                }
            }
        }
        await PostAsync(http, "/api/events", events, cancellationToken);

        var results = (await http.GetFromJsonAsync<JsonNode>($"/api/experiments/{ExperimentId}/results", cancellationToken))!;
        return Read(results, TrueEffects(users.Select(u => u.P).ToList(), options.Effect), options, "control", "treatment");
    }

    private static ExperimentProofRun Read(JsonNode results, Dictionary<string, double> truth, ExperimentProofOptions options, string control, string treatment)
    {
        var metrics = results["metrics"]!.AsArray()
            .Where(m => truth.ContainsKey((string)m!["metric"]!))
            .Select(m =>
            {
                var comparison = m!["comparisons"]![0]!;
                var difference = comparison["difference"]!;
                var cuped = comparison["cuped"]!;
                return new ProofMetric((string)m["metric"]!, truth[(string)m["metric"]!], (double)difference["difference"]!, (double)difference["lower"]!, (double)difference["upper"]!,
                    (double)cuped["interval"]!["lower"]!, (double)cuped["interval"]!["upper"]!, (double)cuped["varianceReduction"]!);
            }).ToList();
        var counts = results["sampleRatio"]!["variants"]!.AsArray().ToDictionary(v => (string)v!["variant"]!, v => (long)v!["users"]!);
        return new ExperimentProofRun(options.Seed, options.Effect, counts[control], counts[treatment], (double)results["sampleRatio"]!["pValue"]!, metrics);
    }

    /// <summary>
    /// The finite-population effect of adding δ to each user's daily probability p: D1 return +δ, active days in the
    /// 7 days after exposure +7δ, D7 return E[(1 − p)^7 − (1 − p − δ)^7] averaged over the users.
    /// </summary>
    public static Dictionary<string, double> TrueEffects(IReadOnlyList<double> probabilities, double effect) => new(StringComparer.Ordinal)
    {
        ["return_d1"] = effect,
        ["active_days7d"] = 7 * effect,
        ["return_d7"] = probabilities.Average(p => Math.Pow(1 - p, 7) - Math.Pow(1 - p - effect, 7)),
    };

    private static JsonObject View(string eventId, string userId, int item, DateTimeOffset at) => new()
    {
        ["eventId"] = eventId,
        ["userId"] = userId,
        ["itemId"] = $"item-{item}",
        ["type"] = "view",
        ["timestamp"] = at.ToString("O", CultureInfo.InvariantCulture),
    };

    private static async Task PostAsync(HttpClient http, string route, IEnumerable<JsonObject> bodies, CancellationToken cancellationToken)
    {
        foreach (var chunk in bodies.Chunk(5_000))
        {
            using var content = new StringContent(new JsonArray([.. chunk]).ToJsonString(), Encoding.UTF8, "application/json");
            using var response = await http.PostAsync(route, content, cancellationToken);
            var answer = (await response.Content.ReadFromJsonAsync<JsonNode>(cancellationToken))!;
            if (!response.IsSuccessStatusCode || answer["rejected"]!.AsArray().Count > 0)
            {
                throw new InvalidOperationException($"{route} refused part of the proof's data: {answer.ToJsonString()[..Math.Min(500, answer.ToJsonString().Length)]}");
            }
        }
    }

    /// <summary>The self-hosted app logs lists in the background: wait until every user's exposure is in.</summary>
    private static async Task WaitForExposuresAsync(HttpClient http, int users, CancellationToken cancellationToken)
    {
        for (var attempt = 0; attempt < 600; attempt++)
        {
            var results = (await http.GetFromJsonAsync<JsonNode>($"/api/experiments/{ExperimentId}/results", cancellationToken))!;
            if (results["sampleRatio"]!["variants"]!.AsArray().Sum(v => (long)v!["users"]!) >= users)
            {
                return;
            }
            await Task.Delay(50, cancellationToken);
        }
        throw new TimeoutException($"the exposures of {users} users were not logged within 30 s");
    }
}
