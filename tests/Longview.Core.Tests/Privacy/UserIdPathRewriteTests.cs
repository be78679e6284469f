using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Privacy;

namespace Longview.Core.Tests.Privacy;

public sealed class UserIdPathRewriteTests
{
    private static readonly UserIdHash Hash = new("telemetry-salt");
    private static readonly UserIdPathRewrite Rewrite =
        new(Hash, [UserIdPathRewrite.ApiRoutesMarker, UserIdPathRewrite.CosmosDocumentsMarker("profiles")]);

    [Theory]
    [InlineData("https://app.azurewebsites.net/api/users/{0}/profile", "https://app.azurewebsites.net/api/users/{1}/profile")]
    [InlineData("https://app.azurewebsites.net/api/users/{0}/recommendations?count=10&explain=true", "https://app.azurewebsites.net/api/users/{1}/recommendations?count=10&explain=true")]
    [InlineData("/api/users/{0}", "/api/users/{1}")]
    [InlineData("DELETE /api/users/{0}", "DELETE /api/users/{1}")]
    [InlineData("GET /api/Users/{0}/profile", "GET /api/Users/{1}/profile")]
    [InlineData("/api/users/{0}#frag", "/api/users/{1}#frag")]
    [InlineData("https://acct.documents.azure.com/dbs/longview/colls/profiles/docs/{0}", "https://acct.documents.azure.com/dbs/longview/colls/profiles/docs/{1}")]
    public void The_user_id_segment_becomes_its_hash_and_the_rest_is_kept(string template, string expected)
    {
        Assert.Equal(string.Format(expected, null, Hash.Of("alice-42")), Rewrite.Rewrite(string.Format(template, "alice-42")));
    }

    [Fact]
    public void A_percent_encoded_id_is_hashed_decoded_so_it_matches_the_hash_in_the_app_logs()
    {
        Assert.Equal($"/api/users/{Hash.Of("a b/c")}/profile", Rewrite.Rewrite("/api/users/a%20b%2Fc/profile"));
    }

    [Fact]
    public void Every_user_segment_of_a_text_is_rewritten()
    {
        var text = "GET /api/users/alice/profile then /api/users/bob";

        Assert.Equal($"GET /api/users/{Hash.Of("alice")}/profile then /api/users/{Hash.Of("bob")}", Rewrite.Rewrite(text));
    }

    [Theory]
    [InlineData("/api/superusers/alice")]
    [InlineData("/api/users")]
    [InlineData("/api/users/")]
    [InlineData("/api/users//profile")]
    [InlineData("/api/items/alice")]
    [InlineData("/api/retention/daily?from=2025-01-01&to=2025-02-01")]
    [InlineData("https://acct.documents.azure.com/dbs/longview/colls/items/docs/i-1")]
    [InlineData("Executed 'Functions.GetProfile' (Succeeded, Duration=4ms)")]
    public void Text_without_a_user_segment_is_returned_unchanged(string text)
    {
        Assert.Same(text, Rewrite.Rewrite(text));
    }

    [Fact]
    public void Text_over_the_limit_is_replaced_whole_rather_than_scanned()
    {
        var text = "/api/users/alice/" + new string('x', UserIdPathRewrite.MaxTextLength);

        Assert.Equal(UserIdPathRewrite.TooLongPlaceholder, Rewrite.Rewrite(text));
    }

    [Theory]
    [InlineData("")]
    [InlineData("users?x")]
    public void A_marker_that_is_not_path_segments_is_refused(string marker)
    {
        var error = Assert.Throws<ArgumentException>(() => new UserIdPathRewrite(Hash, [marker]));
        Assert.Contains("Marker", error.Message);
    }

    // Ids as the API accepts them (non-empty, no control characters), escaped the way they appear in a request URL.
    private static Arbitrary<string> UserIds() =>
        ArbMap.Default.ArbFor<string>()
            .Convert(s => new string((s ?? "").Where(c => !char.IsControl(c)).ToArray()), id => id)
            .Filter(id => id.Length > 0);

    [Property]
    public Property No_user_id_survives_in_a_request_url_and_the_hash_takes_its_place()
    {
        return Prop.ForAll(UserIds(), ArbMap.Default.ArbFor<bool>(), (id, recommendations) =>
        {
            var route = recommendations ? "recommendations?count=5" : "profile";
            var url = $"https://longview.azurewebsites.net/api/users/{Uri.EscapeDataString(id)}/{route}";
            var rewritten = Rewrite.Rewrite(url);
            // A distinctive id (prefixed) cannot appear by chance in the host, the route or the hex hash.
            var distinctive = "zq~" + id;
            var rewrittenDistinctive = Rewrite.Rewrite($"https://longview.azurewebsites.net/api/users/{Uri.EscapeDataString(distinctive)}/{route}");
            return (rewritten == $"https://longview.azurewebsites.net/api/users/{Hash.Of(id)}/{route}"
                    && !rewrittenDistinctive.Contains(distinctive, StringComparison.Ordinal)
                    && !rewrittenDistinctive.Contains(Uri.EscapeDataString(distinctive), StringComparison.Ordinal))
                .Label($"{id} -> {rewritten}");
        });
    }

    [Property]
    public Property Paths_without_a_user_segment_are_unchanged(NonEmptyString[] segments)
    {
        var path = "/api/" + string.Join('/', segments.Select(s => Uri.EscapeDataString(s.Get)).Where(s => !s.Equals("users", StringComparison.OrdinalIgnoreCase)));
        return (Rewrite.Rewrite(path) == path).Label(path);
    }
}
