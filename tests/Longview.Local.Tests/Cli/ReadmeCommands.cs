using System.Text;
using System.Text.RegularExpressions;

namespace Longview.Local.Tests.Cli;

/// <summary>The <c>./dev cli</c> and <c>./dev run</c> command lines of a README's bash blocks, split into arguments as bash would (quotes, comments, line continuations).</summary>
internal static partial class ReadmeCommands
{
    public sealed record Command(string Line, IReadOnlyList<string> Args)
    {
        public override string ToString() => Line;
    }

    public static IReadOnlyList<Command> Read(string readmePath)
    {
        var commands = new List<Command>();
        foreach (Match block in BashBlock().Matches(File.ReadAllText(readmePath)))
        {
            var joined = block.Groups[1].Value.Replace("\\\n", " ", StringComparison.Ordinal);
            foreach (var raw in joined.Split('\n'))
            {
                var words = Words(raw).TakeWhile(w => w is not ("&&" or "||" or "|" or ";" or ">" or "2>")).ToList();
                if (words.Count >= 2 && words[0] == "./dev" && words[1] is "cli" or "run")
                {
                    // `./dev run ARGS` is `longview serve ARGS`.
                    IReadOnlyList<string> args = words[1] == "run" ? ["serve", .. words.Skip(2)] : [.. words.Skip(2)];
                    commands.Add(new Command(raw.Trim(), args));
                }
            }
        }
        return commands;
    }

    /// <summary>Shell words of one line up to a comment; <c>$(...)</c> and <c>$VAR</c> stay as text (only parsing is checked for them).</summary>
    private static List<string> Words(string line)
    {
        var words = new List<string>();
        var word = new StringBuilder();
        var inWord = false;
        char? quote = null;
        foreach (var c in line)
        {
            if (quote is { } q)
            {
                if (c == q)
                {
                    quote = null;
                }
                else
                {
                    word.Append(c);
                }
            }
            else if (c is '\'' or '"')
            {
                quote = c;
                inWord = true;
            }
            else if (c == '#' && !inWord)
            {
                break;
            }
            else if (char.IsWhiteSpace(c))
            {
                if (inWord)
                {
                    words.Add(word.ToString());
                    word.Clear();
                    inWord = false;
                }
            }
            else
            {
                word.Append(c);
                inWord = true;
            }
        }
        if (inWord)
        {
            words.Add(word.ToString());
        }
        return words;
    }

    [GeneratedRegex(@"```bash\n(.*?)```", RegexOptions.Singleline)]
    private static partial Regex BashBlock();
}
