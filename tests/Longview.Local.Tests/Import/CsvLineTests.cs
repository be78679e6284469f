using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Longview.Core.Import;

namespace Longview.Local.Tests.Import;

public sealed class CsvLineTests
{
    [Property]
    public Property Quoting_every_field_and_splitting_gives_the_fields_back()
    {
        var field = ArbMap.Default.GeneratorFor<string>().Where(s => s is not null && !s.Contains('\n') && !s.Contains('\r'));
        return Prop.ForAll(field.NonEmptyListOf().ToArbitrary(), fields =>
        {
            var line = string.Join(",", fields.Select(f => "\"" + f.Replace("\"", "\"\"") + "\""));
            var split = CsvLine.Split(line, out var error);
            return error is null && split.SequenceEqual(fields);
        });
    }

    [Fact]
    public void An_unterminated_quote_is_an_error()
    {
        CsvLine.Split("1,\"open", out var error);

        Assert.Equal("unterminated quoted field", error);
    }
}
