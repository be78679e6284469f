using System.Text;
using Longview.Core.Training.Jobs;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Training;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Training;

/// <summary>
/// The runner against a stand-in <c>longview_training</c> package (plain Python, no torch) whose behaviour the test picks
/// through the per-execution environment: the runner's own job (arguments, environment, logs, exit codes, kill) is what is tested.
/// </summary>
public sealed class LocalProcessJobRunnerTests : IDisposable
{
    private const string FakeJob = """
        import os, sys, time
        args = sys.argv[1:]
        print("args " + " ".join(args), flush=True)
        print("blas " + os.environ.get("OPENBLAS_NUM_THREADS", "?"), flush=True)
        mode = os.environ.get("FAKE_MODE", "ok")
        out = args[args.index("--out") + 1]
        snapshot = args[args.index("--snapshot") + 1]
        if mode == "fail":
            print("error: snapshot has no valid user record", file=sys.stderr, flush=True)
            sys.exit(1)
        if mode == "sleep":
            time.sleep(600)
        os.makedirs(out, exist_ok=True)
        with open(os.path.join(out, "metrics.json"), "w") as f:
            f.write('{"snapshotBytes": %d}' % os.path.getsize(snapshot))
        with open(os.path.join(out, "model.onnx"), "wb") as f:
            f.write(b"onnx")
        """;

    private readonly TestFolder _folder = new();
    private readonly FolderBlobStore _blobs;
    private readonly LocalProcessJobRunner _runner;

    public LocalProcessJobRunnerTests()
    {
        var package = Path.Combine(_folder.Path, "src", "longview_training");
        Directory.CreateDirectory(package);
        File.WriteAllText(Path.Combine(package, "__init__.py"), "");
        File.WriteAllText(Path.Combine(package, "__main__.py"), FakeJob.ReplaceLineEndings("\n"));
        _blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = Path.Combine(_folder.Path, "data") }), NullLogger<FolderBlobStore>.Instance);
        _runner = new LocalProcessJobRunner(_blobs, Options.Create(new LocalProcessJobOptions
        {
            TrainingSourceFolder = Path.Combine(_folder.Path, "src"),
            WorkFolder = Path.Combine(_folder.Path, "work"),
            Timeout = TimeSpan.FromSeconds(20),
        }), NullLogger<LocalProcessJobRunner>.Instance);
    }

    private async Task<TrainingJobRequest> RequestAsync(string mode)
    {
        await _blobs.PutAsync("training", "r1/snapshot.ndjson.gz", new byte[1234]);
        return new TrainingJobRequest("r1", new BlobLocation("training", "r1/snapshot.ndjson.gz"), new BlobLocation("training", "r1/output/"),
            ["--max-epochs", "2"], new Dictionary<string, string> { ["FAKE_MODE"] = mode });
    }

    private async Task<TrainingJobStatus> WaitForEndAsync(string executionId)
    {
        // Bounded wait for the child process; the test asserts outcomes, never durations.
        for (var i = 0; i < 600; i++)
        {
            var status = await _runner.GetStatusAsync(executionId, CancellationToken.None);
            if (status.State != TrainingJobState.Running)
            {
                return status;
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("the job did not end within a minute");
    }

    [Fact]
    public async Task A_successful_job_gets_the_snapshot_and_flags_and_its_output_and_log_land_in_the_blob_store()
    {
        var execution = await _runner.StartAsync(await RequestAsync("ok"), CancellationToken.None);

        var status = await WaitForEndAsync(execution);

        Assert.Equal(TrainingJobState.Succeeded, status.State);
        Assert.Equal("{\"snapshotBytes\": 1234}", Encoding.UTF8.GetString((await _blobs.GetAsync("training", "r1/output/metrics.json"))!.Content.Span));
        Assert.NotNull(await _blobs.GetAsync("training", "r1/output/model.onnx"));
        var log = Encoding.UTF8.GetString((await _blobs.GetAsync("training", "r1/output/job.log"))!.Content.Span);
        Assert.Contains("args train --snapshot ", log);
        Assert.Contains("--device cpu --max-epochs 2", log);
        Assert.Contains("blas 1", log);
    }

    [Fact]
    public async Task A_failing_job_reports_its_exit_code_and_error_output()
    {
        var execution = await _runner.StartAsync(await RequestAsync("fail"), CancellationToken.None);

        var status = await WaitForEndAsync(execution);

        Assert.Equal(TrainingJobState.Failed, status.State);
        Assert.Contains("exit code 1", status.Detail);
        Assert.Contains("snapshot has no valid user record", status.Detail);
        Assert.Null(await _blobs.GetAsync("training", "r1/output/model.onnx"));
    }

    [Fact]
    public async Task Stop_kills_the_job_and_says_so()
    {
        var execution = await _runner.StartAsync(await RequestAsync("sleep"), CancellationToken.None);

        await _runner.StopAsync(execution, CancellationToken.None);
        var status = await WaitForEndAsync(execution);

        Assert.Equal(TrainingJobState.Failed, status.State);
        Assert.Equal("stopped on request", status.Detail);
    }

    [Fact]
    public async Task A_missing_snapshot_refuses_to_start_and_an_unknown_execution_is_failed()
    {
        var request = new TrainingJobRequest("r2", new BlobLocation("training", "r2/snapshot.ndjson.gz"), new BlobLocation("training", "r2/output/"), [], new Dictionary<string, string>());

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => _runner.StartAsync(request, CancellationToken.None));

        Assert.Contains("training/r2/snapshot.ndjson.gz does not exist", error.Message);
        Assert.Equal(TrainingJobState.Failed, (await _runner.GetStatusAsync("nope", CancellationToken.None)).State);
    }

    public void Dispose()
    {
        _runner.Dispose();
        _blobs.Dispose();
        _folder.Dispose();
    }
}
