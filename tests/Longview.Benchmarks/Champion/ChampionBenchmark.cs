using System.Diagnostics;
using System.Globalization;
using Longview.Core.Training.Jobs;
using Longview.Core.Training.Promotion;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Onnx;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Benchmarks.Champion;

/// <summary>
/// <c>./dev bench champion --model DIR --snapshot FILE [--slices 0,500]</c>: the champion evaluation of a training run
/// (<see cref="OnnxChampionEvaluator"/>) over a snapshot, as the workflow calls it: in slices of N snapshot lines (0: one
/// call for the whole snapshot), each slice a fresh call on the same evaluator. Prints wall and process CPU time per
/// slicing and the metrics, which must not depend on it.
/// </summary>
public static class ChampionBenchmark
{
    public static async Task<int> RunAsync(string[] args)
    {
        string? model = null, snapshot = null;
        int[] slices = [0, 500];
        for (var i = 0; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--model": model = args[i + 1]; break;
                case "--snapshot": snapshot = args[i + 1]; break;
                case "--slices": slices = [.. args[i + 1].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]; break;
                default: throw new ArgumentException($"unknown option {args[i]}");
            }
        }
        if (model is null || snapshot is null)
        {
            await Console.Error.WriteLineAsync("usage: champion --model <training job output folder> --snapshot <snapshot.ndjson.gz> [--slices 0,500]");
            return 2;
        }

        var folder = Directory.CreateTempSubdirectory("longview-champion-bench-").FullName;
        try
        {
            using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = folder }), NullLogger<FolderBlobStore>.Instance);
            var onnx = new OnnxModelOptions();
            var version = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(model, "manifest.json")))?["version"]?.GetValue<string>()
                ?? throw new InvalidDataException($"{model}/manifest.json names no version");
            foreach (var file in new[] { "manifest.json", "model.onnx" })
            {
                await using var content = File.OpenRead(Path.Combine(model, file));
                await blobs.UploadAsync(onnx.Container, version + "/" + file, content);
            }
            var location = new BlobLocation("training", "run/snapshot.ndjson.gz");
            await using (var content = File.OpenRead(snapshot))
            {
                await blobs.UploadAsync(location.Container, location.Name, content);
            }
            Console.WriteLine($"champion bench: {model} on {snapshot} ({new FileInfo(snapshot).Length:N0} bytes), {Environment.ProcessorCount} cores");
            Console.WriteLine("  slice lines   calls   wall s   CPU s   users   NDCG@10    coverage@10");
            foreach (var slice in slices)
            {
                var evaluator = new OnnxChampionEvaluator(blobs, Options.Create(onnx), NullLogger<OnnxChampionEvaluator>.Instance);
                var tally = new ChampionEvaluationTally();
                long users = 0;
                var cpu = Process.GetCurrentProcess().TotalProcessorTime;
                var clock = Stopwatch.StartNew();
                for (long next = 0; ;)
                {
                    var part = await evaluator.EvaluateAsync(version, version + "/", location, next, slice == 0 ? int.MaxValue : slice, CancellationToken.None);
                    tally.Add(part);
                    users += part.Users;
                    if (part.Done)
                    {
                        break;
                    }
                    next = part.NextUser;
                }
                var wall = clock.Elapsed.TotalSeconds;
                var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
                var metrics = tally.Metrics();
                Console.WriteLine($"  {(slice == 0 ? "whole" : slice.ToString("N0", CultureInfo.InvariantCulture)),11} {tally.Parts,7} {wall,8:F2} {cpuSeconds,7:F2} {users,7:N0}   {metrics.NdcgAt10:F6}   {metrics.CoverageAt10:F6}");
            }
            return 0;
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
