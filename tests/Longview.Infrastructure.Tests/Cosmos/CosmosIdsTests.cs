using Longview.Infrastructure;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Events;
using Longview.Infrastructure.Cosmos;

namespace Longview.Infrastructure.Tests.Cosmos;

/// <summary>
/// The document id encoding against Cosmos's 255-character id limit. The emulator used in tests does not enforce the
/// limit, so it is checked here on the encoding itself: an id the rule accepts but whose document id does not fit
/// would fail its whole write batch in production.
/// </summary>
public sealed class CosmosIdsTests
{
    [Theory]
    [InlineData('/')]
    [InlineData('\\')]
    [InlineData('?')]
    [InlineData('#')]
    public void An_id_of_the_maximum_length_made_of_forbidden_characters_fits_a_Cosmos_id(char forbidden)
    {
        var id = new string(forbidden, IdRule.MaxLength);

        var documentId = CosmosIds.ToDocumentId(id);

        Assert.True(documentId.Length <= CosmosIds.MaxLength, $"{documentId.Length} characters");
        Assert.Equal(-1, documentId.IndexOfAny(['/', '\\', '?', '#']));
        Assert.Null(StoreKeys.Problem(id));
    }

    [Theory]
    [InlineData("u1", "u1")]
    [InlineData("a/b", "a~2Fb")]
    [InlineData("c#/1", "c~23~2F1")]
    [InlineData("q?\\", "q~3F~5C")]
    public void Ids_that_fitted_before_keep_their_document_id(string id, string documentId) =>
        Assert.Equal(documentId, CosmosIds.ToDocumentId(id));

    [Fact]
    public void The_longest_escaped_form_that_fits_is_kept_and_one_more_forbidden_character_switches_to_the_hash()
    {
        // 85 slashes escape to 255 characters: still stored as before. 86 would be 258.
        Assert.Equal(string.Concat(Enumerable.Repeat("~2F", 85)), CosmosIds.ToDocumentId(new string('/', 85)));

        var hashed = CosmosIds.ToDocumentId(new string('/', 86));

        Assert.StartsWith("~h", hashed);
        Assert.Equal(66, hashed.Length);
        Assert.NotEqual(hashed, CosmosIds.ToDocumentId(new string('/', 87)));
    }

    [Fact]
    public void A_key_the_store_cannot_hold_is_refused_without_echoing_it()
    {
        var error = Assert.Throws<ArgumentException>(() => StoreKeys.Require("secret" + new string('/', 250), "userId"));

        Assert.Contains("256 characters", error.Message);
        Assert.DoesNotContain("secret", error.Message);
        Assert.Contains("control", StoreKeys.Problem("a\u0085b"));
        Assert.Contains("unpaired surrogate", StoreKeys.Problem("a\ud800"));
        // Keys written before the rule (up to 255 characters) stay storable, whatever their characters.
        Assert.True(CosmosIds.ToDocumentId(new string('/', 255)).Length <= CosmosIds.MaxLength);
        Assert.Null(StoreKeys.Problem(new string('/', 255)));
    }

    /// <summary>Ids from every corner of the rule: forbidden characters, '~' (the escape character), '.', and the longest ids.</summary>
    private static Arbitrary<string> ValidIds() =>
        Gen.Elements('/', '\\', '?', '#', '~', '.', 'a', 'Z', '0', ' ', 'é', '中')
            .ArrayOf()
            .Select(chars => new string(chars))
            .Where(id => id.Length is > 0 and <= IdRule.MaxLength)
            .ToArbitrary();

    [Property(MaxTest = 300)]
    public Property Every_id_the_rule_accepts_has_a_Cosmos_id_that_fits_and_holds_no_forbidden_character() =>
        Prop.ForAll(ValidIds(), id =>
        {
            var documentId = CosmosIds.ToDocumentId(id);
            return documentId.Length <= CosmosIds.MaxLength
                   && documentId.IndexOfAny(['/', '\\', '?', '#']) < 0
                   && StoreKeys.IsValid(id);
        });
}
