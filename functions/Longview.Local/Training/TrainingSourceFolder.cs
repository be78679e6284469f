namespace Longview.Local.Training;

/// <summary>Finds the repository's <c>training/</c> folder (the Python job) from the current or the executable's directory.</summary>
public static class TrainingSourceFolder
{
    public static string Find()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = Path.Combine(dir.FullName, "training", "longview_training");
                if (File.Exists(Path.Combine(dir.FullName, "Serverless.sln")) && Directory.Exists(candidate))
                {
                    return Path.Combine(dir.FullName, "training");
                }
            }
        }
        return Path.GetFullPath("training");
    }
}
