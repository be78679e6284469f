namespace Longview.Local.Cli;

/// <summary>
/// Turns the failures a caller causes (missing or unreadable input, a bad option value) into one line that says what to
/// do. Anything else is a bug and keeps its stack trace.
/// </summary>
internal static class CliErrors
{
    public static string? Explain(Exception exception) => exception switch
    {
        CliInputException e => e.Message,
        Microsoft.Extensions.Options.OptionsValidationException e => $"invalid settings: {string.Join("; ", e.Failures)}",
        FileNotFoundException or DirectoryNotFoundException => $"{FirstLine(exception)}: check the path ({RelativePathsNote()})",
        UnauthorizedAccessException => $"{FirstLine(exception)}: check the file's permissions or choose another path",
        InvalidDataException => $"{FirstLine(exception)}: the file is not in the expected format",
        IOException => FirstLine(exception),
        // The parameter's name is the code's, not the caller's: the message already names the option.
        ArgumentException e => e.ParamName is null ? FirstLine(e) : FirstLine(e).Replace($" (Parameter '{e.ParamName}')", "", StringComparison.Ordinal),
        _ => null,
    };

    public static string RelativePathsNote() => $"relative paths resolve against {Directory.GetCurrentDirectory()}";

    private static string FirstLine(Exception exception) =>
        exception.Message.Split('\n', 2)[0].TrimEnd('\r', ' ', '.');
}
