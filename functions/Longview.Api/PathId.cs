using Microsoft.AspNetCore.Http;

namespace Longview.Api;

/// <summary>An id read from the path, or the problem that refuses it.</summary>
public readonly record struct PathId(string Value, IResult? Problem);
