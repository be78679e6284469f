using Longview.Local.Cli;
using Longview.Local.Tests.Support;

namespace Longview.Local.Tests.Cli;

/// <summary>
/// The README's command lines work as written from the repository root: every one parses, the dataset commands run,
/// relative paths resolve against the caller's directory (not the project folder <c>dotnet run</c> would start in), a
/// missing input is one line that says what to do, and nothing lands inside the repository unless a path says so.
/// </summary>
public sealed class ReadmeCommandTests
{
    private static readonly string Root = SharedData.RepositoryRoot();

    /// <summary>The READMEs with bash blocks of <c>./dev</c> commands: the top-level one and the measurement pages it links.</summary>
    public static TheoryData<string> ReadmeFiles() =>
        [.. new[] { "README.md" }.Concat(Directory.Exists(Path.Combine(Root, "docs")) ? Directory.GetFiles(Path.Combine(Root, "docs"), "*.md").Select(f => Path.GetRelativePath(Root, f)) : [])];

    [Theory]
    [MemberData(nameof(ReadmeFiles))]
    public void Every_cli_command_in_the_readme_parses(string readme)
    {
        var commands = ReadmeCommands.Read(Path.Combine(Root, readme));

        Assert.NotEmpty(commands);
        Assert.All(commands, command =>
        {
            var parse = LongviewCli.Create().Parse([.. command.Args]);
            Assert.True(parse.Errors.Count == 0, $"{command.Line}: {string.Join("; ", parse.Errors.Select(e => e.Message))}");
        });
    }

    [Fact]
    public async Task The_readme_dataset_commands_run_as_written_from_the_repository_root()
    {
        // `retention --dataset` and `churn --dataset` read a shared dataset by a relative path and write nothing.
        var commands = ReadmeCommands.Read(Path.Combine(Root, "README.md"))
            .Where(c => c.Args[0] is "retention" or "churn" && c.Args.Contains("--dataset"))
            .ToList();
        Assert.NotEmpty(commands);
        var before = await GitStatusAsync();
        foreach (var command in commands)
        {
            var dataset = command.Args[command.Args.ToList().IndexOf("--dataset") + 1];
            if (!Path.Exists(Path.Combine(Root, dataset)))
            {
                Console.WriteLine($"[SKIP] {command.Line}: shared dataset absent ({dataset})");
                continue;
            }
            var result = await LongviewProcess.RunAppAsync(Root, [.. command.Args]);

            Assert.True(result.ExitCode == 0, $"{command.Line}: exit {result.ExitCode}\n{result.Error}");
            Assert.StartsWith("# ", result.Output, StringComparison.Ordinal);
        }
        Assert.Equal(before, await GitStatusAsync());
    }

    [SharedDataFact("ml-1m", "ratings.dat")]
    public async Task A_dataset_folder_given_relative_to_the_repository_root_imports_and_reports()
    {
        // A slice of the shared ml-1m (the first ratings of a few users, all movies), named by a path relative to the
        // repository root: the data stays in ../shared/data, the test only cuts a small copy outside the repository.
        using var slice = new TempFolder();
        using var data = new TempFolder();
        var ratings = File.ReadLines(Path.Combine(SharedData.Folder("ml-1m"), "ratings.dat")).Take(200).ToList();
        await File.WriteAllLinesAsync(Path.Combine(slice.Path, "ratings.dat"), ratings);
        File.Copy(Path.Combine(SharedData.Folder("ml-1m"), "movies.dat"), Path.Combine(slice.Path, "movies.dat"));
        var users = ratings.Select(line => line.Split("::")[0]).Distinct().Count();
        var relative = Path.GetRelativePath(Root, slice.Path);

        var import = await LongviewProcess.RunAppAsync(Root, "import", relative, "--format", "ml-1m", "--data", data.Path);
        var retention = await LongviewProcess.RunAppAsync(Root, "retention", "--dataset", relative, "--format", "ml-1m", "--table", "monthly");

        Assert.False(Path.IsPathRooted(relative));
        Assert.True(import.ExitCode == 0, import.Error + import.Output);
        Assert.Contains("200 accepted", import.Output, StringComparison.Ordinal);
        Assert.True(retention.ExitCode == 0, retention.Error);
        Assert.Contains("# monthly", retention.Output, StringComparison.Ordinal);
        Assert.Contains($"{users} users, 200 events", retention.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Dev_cli_resolves_relative_paths_against_the_callers_directory_and_writes_only_there()
    {
        using var caller = new TempFolder();
        var before = await GitStatusAsync();

        // Through the repository's ./dev script, as a user types it, from a directory outside the repository.
        var simulate = await LongviewProcess.RunDevAsync(caller.Path, "cli", "simulate", "--users", "20", "--items", "15", "--days", "10", "--out", "sim/events.ndjson", "--data", "data");
        var import = await LongviewProcess.RunAppAsync(caller.Path, "import", "sim/events.ndjson", "--format", "ndjson", "--data", "data");
        var snapshot = await LongviewProcess.RunAppAsync(caller.Path, "snapshot", "--out", "snapshot.ndjson.gz", "--data", "data");

        Assert.True(simulate.ExitCode == 0, simulate.Error + simulate.Output);
        Assert.True(File.Exists(Path.Combine(caller.Path, "sim", "events.ndjson")));
        Assert.True(File.Exists(Path.Combine(caller.Path, "sim", "events.items.json")));
        Assert.True(import.ExitCode == 0, import.Error + import.Output);
        Assert.Contains("0 rejected", import.Output, StringComparison.Ordinal);
        Assert.True(snapshot.ExitCode == 0, snapshot.Error + snapshot.Output);
        Assert.True(File.Exists(Path.Combine(caller.Path, "snapshot.ndjson.gz")));
        Assert.True(Directory.Exists(Path.Combine(caller.Path, "data")));
        Assert.Equal(before, await GitStatusAsync());
        Assert.False(Directory.Exists(Path.Combine(Root, "functions", "Longview.Local", "sim")));
    }

    public static TheoryData<string[], string> MissingInputs() => new()
    {
        { ["import", "no/such/folder", "--format", "ml-1m", "--data", "data"], "path: nothing at" },
        { ["import", "no/such/events.ndjson", "--format", "ndjson", "--data", "data"], "path: nothing at" },
        { ["retention", "--dataset", "no/such/file.dat", "--format", "lastfm", "--data", "data"], "--dataset: nothing at" },
        { ["churn", "--dataset", "no/such/file.dat"], "--dataset: nothing at" },
        { ["evaluate", "--model", "no/such/model", "--data", "no/such/data"], "--model: nothing at" },
        { ["retention", "--as-of", "2026-13-01", "--data", "data"], "--as-of: '2026-13-01' is not an ISO date" },
        { ["snapshot", "--out", "no/such/folder/snapshot.ndjson.gz", "--data", "data"], "check the path" },
        { ["simulate", "--users", "0", "--out", "events.ndjson"], "Users must be between" },
    };

    [Theory]
    [MemberData(nameof(MissingInputs))]
    public async Task Missing_or_bad_input_is_one_line_that_says_what_to_do(string[] args, string expected)
    {
        using var caller = new TempFolder();

        var result = await LongviewProcess.RunAppAsync(caller.Path, args);

        Assert.Equal(2, result.ExitCode);
        var lines = result.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.True(lines.Length == 1, result.Error);
        Assert.StartsWith($"longview {args[0]}: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(caller.Path, "events.ndjson")));
    }

    private static async Task<string> GitStatusAsync()
    {
        var start = new System.Diagnostics.ProcessStartInfo("git", ["status", "--porcelain", "--untracked-files=all"])
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        using var git = System.Diagnostics.Process.Start(start)!;
        var output = await git.StandardOutput.ReadToEndAsync();
        await git.WaitForExitAsync();
        return output;
    }
}
