using System.Text;
using Longview.Core.Events;
using Longview.Core.Ingestion;
using Longview.Core.Privacy;
using Longview.Core.Profiles;
using Longview.Core.Tests.Fuzzing;
using Longview.Core.Tests.Support;
using Microsoft.Extensions.Options;

namespace Longview.Core.Tests.Privacy;

/// <summary>
/// Texts that end in log lines must not carry raw user ids (issue 13, item 8): rejection reasons (the self-hosted
/// impression writer logs the first one at Warning) and exception messages (logged with the exception at Error).
/// </summary>
public sealed class IdsInLogsTests
{
    private static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);
    private const string User = "secret-user-4711";

    [Fact]
    public async Task A_user_whose_profile_keeps_conflicting_is_rejected_without_its_id_in_the_reason_or_the_logs()
    {
        var store = new InMemoryProfileStore();
        store.ConflictsToInject[User] = 100;
        var logs = new CapturingLogs();
        var ingestion = new EventIngestion(
            new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)),
            new ProfileAggregator(new ProfileLimits()),
            store,
            new InMemoryItemCatalog(),
            Options.Create(new IngestionOptions { MaxConflictRetries = 1, BaseRetryDelay = TimeSpan.FromMilliseconds(1), MaxRetryDelay = TimeSpan.FromMilliseconds(1) }),
            TimeProvider.System,
            new UserIdHash(salt: null),
            logs.For<EventIngestion>());
        var body = $"{{\"eventId\":\"e1\",\"userId\":\"{User}\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"2025-05-01T10:00:00Z\"}}";

        var report = (await ingestion.IngestAsync(Encoding.UTF8.GetBytes(body))).Report!;

        var rejected = Assert.Single(report.Rejected);
        Assert.Contains("concurrency conflict", rejected.Reason);
        Assert.DoesNotContain(User, rejected.Reason);
        Assert.NotEmpty(logs.Lines);
        Assert.Null(logs.LineContainingAny([User]));
    }

    [Fact]
    public void An_event_applied_to_another_users_profile_fails_without_naming_either_user()
    {
        var profile = ProfileAggregator.NewProfile(User);
        var e = new UserEvent("e1", "other-user-0815", "i1", EventType.View, Now);

        var error = Assert.Throws<ArgumentException>(() => new ProfileAggregator(new ProfileLimits()).Apply(profile, e, []));

        Assert.DoesNotContain(User, error.Message);
        Assert.DoesNotContain("other-user-0815", error.Message);
    }

    [Fact]
    public void A_refused_id_is_explained_without_echoing_it()
    {
        var body = $"{{\"eventId\":\"e1\",\"userId\":\"{User}\\u0085\",\"itemId\":\"i1\",\"type\":\"view\",\"timestamp\":\"2025-05-01T10:00:00Z\"}}";

        var error = Assert.Single(new EventBatchReader(new EventLimits(), new FixedTimeProvider(Now)).Read(Encoding.UTF8.GetBytes(body)).Errors);

        Assert.Equal("userId", error.Field);
        Assert.DoesNotContain(User, error.Reason);
    }
}
