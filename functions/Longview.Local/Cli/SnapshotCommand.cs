using System.CommandLine;
using Longview.Infrastructure.Training;
using Spectre.Console;

namespace Longview.Local.Cli;

/// <summary><c>longview snapshot --out file</c>: the training job's input from the embedded profile store, no server needed.</summary>
internal static class SnapshotCommand
{
    public static Command Create()
    {
        var output = new Option<string>("--out")
        {
            Description = "The snapshot file to write (gzip NDJSON, one user per line), e.g. snapshot.ndjson.gz.",
            Required = true,
        };
        var data = CommonOptions.Data();
        var command = new Command("snapshot", "Write the training snapshot of every profile (the input of python3 -m longview_training train --snapshot).") { output, data };
        command.SetAction(async (parse, ct) =>
        {
            var path = Path.GetFullPath(parse.GetValue(output)!);
            await using var services = CliServices.Create(Path.GetFullPath(parse.GetValue(data)!));
            var writer = ActivatorUtilities.CreateInstance<ProfileSnapshotWriter>(services);
            var temporary = path + ".partial";
            long users, events;
            await using (var file = File.Create(temporary))
            {
                (users, events) = await writer.WriteToAsync(file, ct);
            }
            // Renamed only when complete: a crashed export never looks like a usable snapshot.
            File.Move(temporary, path, overwrite: true);
            AnsiConsole.MarkupLine($"[green]Snapshot[/] {users:N0} users, {events:N0} events -> {Markup.Escape(path)}");
            return users == 0 ? 1 : 0;
        });
        return command;
    }
}
