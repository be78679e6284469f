namespace Longview.Infra.Tests;

/// <summary>The deployment compiles and lints with no error and no warning, with each environment's parameters.</summary>
public sealed class BicepValidationTests
{
    public static TheoryData<string> ParameterFiles()
    {
        var data = new TheoryData<string>();
        foreach (var file in Directory.GetFiles(Path.Combine(RepositoryPaths.Infra, "parameters"), "*.bicepparam").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetRelativePath(RepositoryPaths.Infra, file));
        }
        return data;
    }

    [Fact]
    public void Main_template_builds_without_diagnostics()
    {
        var result = BicepCli.Run("build", "main.bicep", "--stdout");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
        Assert.Contains("\"$schema\"", result.StandardOutput);
    }

    [Fact]
    public void Main_template_lints_clean()
    {
        var result = BicepCli.Run("lint", "main.bicep");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", (result.StandardOutput + result.StandardError).Trim());
    }

    [Theory]
    [MemberData(nameof(ParameterFiles))]
    public void Each_environment_parameter_file_builds_without_diagnostics(string parameterFile)
    {
        var result = BicepCli.Run("build-params", parameterFile, "--stdout");
        Assert.True(result.ExitCode == 0, result.StandardError);
        Assert.Equal("", result.StandardError.Trim());
    }

    [Fact]
    public void There_is_a_parameter_file_per_environment()
    {
        var names = Directory.GetFiles(Path.Combine(RepositoryPaths.Infra, "parameters"), "*.bicepparam").Select(Path.GetFileNameWithoutExtension).ToArray();
        Assert.Contains("dev", names);
        Assert.Contains("prod", names);
    }
}
