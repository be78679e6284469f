using FsCheck;
using FsCheck.Xunit;
using Longview.Infrastructure.Training;

namespace Longview.Infrastructure.Tests.Training;

public sealed class SnapshotSequencesTests
{
    /// <summary>
    /// Users, blank lines and malformed lines in any mix: resuming at line k yields exactly the users a whole read yields
    /// from line k on, each with the 0-based line it is on.
    /// </summary>
    [Property(MaxTest = 100)]
    public bool Skipping_lines_yields_the_users_of_a_whole_read_from_that_line_on(byte[] kinds, NonNegativeInt skipSeed)
    {
        var lines = (kinds ?? []).Select((kind, i) => (kind % 4) switch
        {
            0 => "",
            1 => "{\"userId\":\"u" + i + "\",\"events\":[",
            _ => "{\"userId\":\"u" + i + "\",\"events\":[{\"itemId\":\"item-" + kind + "\",\"ts\":1700000000,\"type\":\"view\"}]}",
        }).ToList();
        var expectedLines = lines.Select((line, i) => (line, i)).Where(l => l.line.EndsWith('}')).Select(l => (long)l.i).ToList();
        var skip = skipSeed.Get % (lines.Count + 2);
        var compressed = Snapshots.Gzip(string.Join('\n', lines));

        var whole = Read(compressed, 0);
        var resumed = Read(compressed, skip);

        return whole.Select(u => u.Line).SequenceEqual(expectedLines)
            && whole.All(u => u.UserId == "u" + u.Line && u.Items == "item-" + kinds![u.Line])
            && resumed.SequenceEqual(whole.Where(u => u.Line >= skip));
    }

    private static List<(long Line, string UserId, string Items)> Read(byte[] compressed, long skip) =>
        [.. SnapshotSequences.ReadAsync(new MemoryStream(compressed), skip, default).ToBlockingEnumerable().Select(u => (u.Line, u.UserId, string.Join(',', u.Items)))];
}
