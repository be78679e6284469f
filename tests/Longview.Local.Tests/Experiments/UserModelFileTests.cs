using Longview.Local.Experiments;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Experiments;

public sealed class UserModelFileTests
{
    [Fact]
    public void A_file_overrides_only_the_parameters_it_names()
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "model.json");
        File.WriteAllText(path, """{"satisfactionEffect": 2, "boredomEffect": 0.5}""");

        var options = UserModelFile.Read(path);

        Assert.Equal(2, options.SatisfactionEffect);
        Assert.Equal(0.5, options.BoredomEffect);
        Assert.Equal(new Core.Simulation.ClosedLoop.UserModelOptions().ChurnPerSession, options.ChurnPerSession);
    }

    [Theory]
    [InlineData("""{"satisfactonEffect": 2}""", "The JSON property 'satisfactonEffect' could not be mapped")]
    [InlineData("""{"churnPerSession": 3, "examineDecay": -1}""", "ExamineDecay: -1 is outside 0..1; ChurnPerSession: 3 is outside 0..1")]
    [InlineData("""{"churnPerSession": "high"}""", "--user-model: ")]
    [InlineData("null", "holds null, not an object")]
    public void Unknown_names_bad_values_and_bad_json_are_refused_precisely(string json, string expected)
    {
        using var temp = new TempFolder();
        var path = Path.Combine(temp.Path, "model.json");
        File.WriteAllText(path, json);

        var error = Assert.Throws<ArgumentException>(() => UserModelFile.Read(path));

        Assert.Contains(expected, error.Message);
        Assert.StartsWith($"--user-model: {path}", error.Message);
    }

    [Fact]
    public void Missing_and_oversized_files_are_refused()
    {
        using var temp = new TempFolder();
        var big = Path.Combine(temp.Path, "big.json");
        File.WriteAllText(big, "{\"x\": \"" + new string('a', UserModelFile.MaxBytes) + "\"}");

        Assert.Contains("does not exist", Assert.Throws<ArgumentException>(() => UserModelFile.Read(Path.Combine(temp.Path, "none.json"))).Message);
        Assert.Contains($"more than {UserModelFile.MaxBytes}", Assert.Throws<ArgumentException>(() => UserModelFile.Read(big)).Message);
    }
}
