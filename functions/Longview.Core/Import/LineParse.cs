namespace Longview.Core.Import;

/// <summary>The outcome of parsing one dataset line: a value, an error saying which field is wrong and why, or nothing (blank line).</summary>
public readonly record struct LineParse<T>(T? Value, string? Error)
    where T : class
{
    public static LineParse<T> Blank => default;

    public static LineParse<T> Ok(T value) => new(value, null);

    public static LineParse<T> Fail(string error) => new(null, error);

    public bool IsBlank => Value is null && Error is null;
}
