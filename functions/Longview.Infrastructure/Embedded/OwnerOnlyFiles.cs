namespace Longview.Infrastructure.Embedded;

/// <summary>
/// File modes of the embedded stores: profiles, events' effects and models are readable by the app's user only
/// (files 0600, folders 0700), whatever the umask. On Windows the folder's ACLs apply and nothing is changed.
/// </summary>
internal static class OwnerOnlyFiles
{
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    public const UnixFileMode FolderMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    /// <summary>Creates the folder (and missing parents) owner-only; an existing folder is tightened too.</summary>
    public static void EnsureFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
        File.SetUnixFileMode(path, FolderMode);
    }

    /// <summary>Creates missing folders owner-only, leaving existing ones as they are (cheap enough for every write).</summary>
    public static void CreateFolder(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }
        Directory.CreateDirectory(path, FolderMode);
    }

    /// <summary>Tightens an existing file (one written by an older version); a missing file is ignored.</summary>
    public static void Restrict(string path)
    {
        if (!OperatingSystem.IsWindows() && File.Exists(path))
        {
            File.SetUnixFileMode(path, FileMode);
        }
    }

    /// <summary>Options for a new file created owner-only.</summary>
    public static FileStreamOptions NewFile(FileAccess access = FileAccess.Write, FileShare share = FileShare.None, bool useAsync = true)
    {
        var options = new FileStreamOptions
        {
            Mode = System.IO.FileMode.CreateNew,
            Access = access,
            Share = share,
            BufferSize = 1,
            Options = useAsync ? FileOptions.Asynchronous : FileOptions.None,
        };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = FileMode;
        }
        return options;
    }
}
