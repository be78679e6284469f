using System.CommandLine;

namespace Longview.Local.Cli;

/// <summary>The <c>longview</c> executable's verbs.</summary>
public static class LongviewCli
{
    public static RootCommand Create()
    {
        var root = new RootCommand("Longview: a retention-aware recommendation backend, self-hosted (one process, embedded stores).");
        root.Subcommands.Add(ServeCommand.Create());
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(SimulateCommand.Create());
        root.Subcommands.Add(RetentionCommand.Create());
        root.Subcommands.Add(LifecycleCommand.Create());
        root.Subcommands.Add(ChurnCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(SnapshotCommand.Create());
        root.Subcommands.Add(EmbedCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(ProveExperimentCommand.Create());
        return root;
    }

    /// <summary>Runs one command line; input the caller can fix ends as one line on standard error and exit code 2.</summary>
    public static async Task<int> RunAsync(string[] args)
    {
        // `longview` with no verb serves, so `dotnet longview.dll` alone starts the app.
        var parse = Create().Parse(args.Length == 0 ? ["serve"] : args);
        try
        {
            return await parse.InvokeAsync(new InvocationConfiguration { EnableDefaultExceptionHandler = false });
        }
        catch (Exception e) when (CliErrors.Explain(e) is { } line)
        {
            await Console.Error.WriteLineAsync($"longview {parse.CommandResult.Command.Name}: {line}");
            return 2;
        }
    }
}
