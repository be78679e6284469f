namespace Longview.Local.Cli;

/// <summary>Input the caller can fix (a missing file, a bad option value): the CLI prints its message as one line, no stack trace.</summary>
public sealed class CliInputException(string message) : Exception(message);
