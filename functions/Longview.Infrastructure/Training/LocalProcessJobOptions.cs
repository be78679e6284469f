namespace Longview.Infrastructure.Training;

public sealed class LocalProcessJobOptions
{
    /// <summary>The interpreter with torch (Debian's; pyenv's python3 has none).</summary>
    public string PythonExecutable { get; set; } = "/usr/bin/python3";

    /// <summary>The folder holding the <c>longview_training</c> package (the repository's <c>training/</c>); becomes PYTHONPATH.</summary>
    public string TrainingSourceFolder { get; set; } = "training";

    /// <summary>Where each execution gets its folder: the downloaded snapshot, the job's output, <c>job.log</c>.</summary>
    public string WorkFolder { get; set; } = Path.Combine(Path.GetTempPath(), "longview-training");

    public string Device { get; set; } = "cpu";

    /// <summary>The process is killed after this long, whatever the pipeline's own timeout says.</summary>
    public TimeSpan Timeout { get; set; } = TimeSpan.FromHours(2);

    /// <summary>Environment for every execution; one BLAS thread keeps a 2-core box responsive (DESIGN.md).</summary>
    public Dictionary<string, string> Environment { get; set; } = new(StringComparer.Ordinal) { ["OPENBLAS_NUM_THREADS"] = "1", ["OMP_NUM_THREADS"] = "1" };

    /// <summary>Log bytes kept per execution; the rest is dropped with a note.</summary>
    public long MaxLogBytes { get; set; } = 16L * 1024 * 1024;

    /// <summary>Executions kept in memory for status queries.</summary>
    public int MaxTrackedExecutions { get; set; } = 100;
}
