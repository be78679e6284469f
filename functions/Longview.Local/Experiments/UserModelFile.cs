using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Serialization;
using Longview.Core.Simulation.ClosedLoop;

namespace Longview.Local.Experiments;

/// <summary>
/// <c>--user-model FILE</c>: a JSON object overriding any <see cref="UserModelOptions"/> property (camelCase), for
/// sensitivity runs. Unknown properties and out-of-range values are refused with the property named.
/// </summary>
public static class UserModelFile
{
    public const int MaxBytes = 64 * 1024;

    private static readonly JsonSerializerOptions Strict = new(LongviewJson.Options) { UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow };

    public static UserModelOptions Read(string path)
    {
        var file = new FileInfo(path);
        if (!file.Exists)
        {
            throw new ArgumentException($"--user-model: {path} does not exist");
        }
        if (file.Length > MaxBytes)
        {
            throw new ArgumentException($"--user-model: {path} is {file.Length} bytes, more than {MaxBytes}");
        }
        UserModelOptions? options;
        try
        {
            options = JsonSerializer.Deserialize<UserModelOptions>(File.ReadAllText(path), Strict);
        }
        catch (JsonException ex)
        {
            throw new ArgumentException($"--user-model: {path}: {ex.Message}");
        }
        if (options is null)
        {
            throw new ArgumentException($"--user-model: {path} holds null, not an object");
        }
        var problems = options.Validate();
        if (problems.Count > 0)
        {
            throw new ArgumentException($"--user-model: {path}: {string.Join("; ", problems)}");
        }
        return options;
    }
}
