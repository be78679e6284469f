using System.Security.Cryptography;
using Longview.Core.Privacy;

namespace Longview.Local.Security;

/// <summary>
/// The self-hosted default for <see cref="UserIdHashOptions.UserIdSalt"/>: a random key made on first start and kept
/// in the data folder, so hashes stay stable across restarts (the erasure log depends on that) without any setup.
/// </summary>
internal static class LocalUserIdSalt
{
    public const string FileName = "user-id-salt";

    public static IServiceCollection AddLocalUserIdSalt(this IServiceCollection services, string dataFolder)
    {
        services.AddOptions<UserIdHashOptions>().PostConfigure(options =>
        {
            if (string.IsNullOrEmpty(options.UserIdSalt))
            {
                options.UserIdSalt = ReadOrCreate(Path.Combine(dataFolder, FileName));
            }
        });
        return services;
    }

    private static string ReadOrCreate(string path)
    {
        if (File.Exists(path))
        {
            return File.ReadAllText(path).Trim();
        }
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var salt = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
        try
        {
            // Readable by the app's user only: with the salt, hashed ids in logs can be tested against guesses.
            var create = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, Share = FileShare.None };
            if (!OperatingSystem.IsWindows())
            {
                create.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
            }
            using var file = new FileStream(path, create);
            using var writer = new StreamWriter(file);
            writer.Write(salt);
            return salt;
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: use theirs.
            return File.ReadAllText(path).Trim();
        }
    }
}
