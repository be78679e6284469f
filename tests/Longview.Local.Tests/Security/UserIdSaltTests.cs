using Longview.Core.Privacy;
using Longview.Local.Hosting;
using Longview.Local.Tests.Support;
using Microsoft.Extensions.DependencyInjection;

namespace Longview.Local.Tests.Security;

/// <summary>Without a configured salt the self-hosted app makes one, keeps it private in the data folder and reuses it.</summary>
public sealed class UserIdSaltTests
{
    private static string HashOf(string dataFolder, string userId)
    {
        using var services = new ServiceCollection().AddLogging().AddLongviewLocal(dataFolder).BuildServiceProvider();
        var hash = services.GetRequiredService<UserIdHash>();
        Assert.True(hash.IsSalted);
        return hash.Of(userId);
    }

    [Fact]
    public void The_generated_salt_is_private_and_stable_across_restarts_and_differs_per_data_folder()
    {
        using var first = new TempFolder();
        using var second = new TempFolder();

        var before = HashOf(first.Path, "alice");
        var after = HashOf(first.Path, "alice");
        var elsewhere = HashOf(second.Path, "alice");

        Assert.Equal(before, after);
        Assert.NotEqual(before, elsewhere);
        var file = Path.Combine(first.Path, "user-id-salt");
        Assert.Equal(64, File.ReadAllText(file).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(file));
        }
    }
}
