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
}
