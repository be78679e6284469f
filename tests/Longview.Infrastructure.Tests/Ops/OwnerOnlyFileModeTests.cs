using System.Text;
using Longview.Core.Retention.Jobs;
using Longview.Infrastructure.Embedded;
using Longview.Infrastructure.Embedded.Folder;
using Longview.Infrastructure.Embedded.Sqlite;
using Longview.Infrastructure.Reports;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;

namespace Longview.Infrastructure.Tests.Ops;

/// <summary>The embedded stores' files hold profiles and raw events: readable by the app's user only, whatever the umask.</summary>
[System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
public sealed class OwnerOnlyFileModeTests
{
    private const UnixFileMode OwnerFile = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OwnerFolder = OwnerFile | UnixFileMode.UserExecute;

    [Fact]
    public async Task Sqlite_files_and_the_data_folder_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var root = new TestFolder();
        var data = Path.Combine(root.Path, "data");
        var options = Options.Create(new EmbeddedStoreOptions { DataFolder = data });
        using (var profiles = new SqliteProfileStore(options, NullLogger<SqliteProfileStore>.Instance))
        using (var catalog = new SqliteItemCatalog(options, NullLogger<SqliteItemCatalog>.Instance))
        using (var reports = new SqliteRetentionReportStore(options))
        {
            await profiles.WriteManyAsync([new Core.Ports.ProfileWrite(new Core.Profiles.UserProfile { UserId = "u1" }, null)]);
            await reports.GetLatestAsync(ReportKind.Daily);

            Assert.Equal(OwnerFolder, File.GetUnixFileMode(data));
            var files = Directory.GetFiles(data, "*.db*");
            Assert.Contains(files, f => f.EndsWith("profiles.db-wal", StringComparison.Ordinal));
            Assert.All(files, file => Assert.True(File.GetUnixFileMode(file) == OwnerFile, $"{Path.GetFileName(file)} is {File.GetUnixFileMode(file)}"));
        }
    }

    [Fact]
    public void Files_an_older_version_left_world_readable_are_tightened_on_open()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var root = new TestFolder();
        var options = Options.Create(new EmbeddedStoreOptions { DataFolder = root.Path });
        using (new SqliteProfileStore(options, NullLogger<SqliteProfileStore>.Instance))
        {
        }
        var file = Path.Combine(root.Path, "profiles.db");
        File.SetUnixFileMode(file, OwnerFile | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        File.SetUnixFileMode(root.Path, OwnerFolder | UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute);

        using (new SqliteProfileStore(options, NullLogger<SqliteProfileStore>.Instance))
        {
            Assert.Equal(OwnerFile, File.GetUnixFileMode(file));
            Assert.Equal(OwnerFolder, File.GetUnixFileMode(root.Path));
        }
    }

    [Fact]
    public async Task Blob_files_and_their_folders_are_owner_only()
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }
        using var root = new TestFolder();
        using var blobs = new FolderBlobStore(Options.Create(new EmbeddedStoreOptions { DataFolder = root.Path }), NullLogger<FolderBlobStore>.Instance);

        await blobs.PutAsync("deadletter", "2026/12/06/a.json", Encoding.UTF8.GetBytes("{}"));
        await blobs.UploadAsync("snapshots", "s.ndjson", new MemoryStream(Encoding.UTF8.GetBytes("{}\n")));

        var blobRoot = Path.Combine(root.Path, "blobs");
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(blobRoot));
        Assert.Equal(OwnerFolder, File.GetUnixFileMode(Path.Combine(blobRoot, "deadletter", "2026", "12", "06")));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(blobRoot, "deadletter", "2026", "12", "06", "a.json")));
        Assert.Equal(OwnerFile, File.GetUnixFileMode(Path.Combine(blobRoot, "snapshots", "s.ndjson")));
    }
}
