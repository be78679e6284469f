namespace Longview.Core.Experiments;

/// <summary>A cursor the store cannot read (not one it handed out): the route answers 400 naming <c>cursor</c>.</summary>
public sealed class InvalidCursorException(string reason) : ArgumentException(reason, "cursor");
