namespace Longview.Infrastructure.Blob;

/// <summary>Azure's naming rules, checked before a request so a bad name fails with a message that says which rule.</summary>
internal static class BlobNames
{
    public const int MaxBlobNameLength = 1024;

    public static string? ContainerProblem(string? container)
    {
        if (container is null || container.Length is < 3 or > 63)
        {
            return $"container '{container}' must be 3 to 63 characters long (is {container?.Length ?? 0}).";
        }
        for (var i = 0; i < container.Length; i++)
        {
            var c = container[i];
            var allowed = c is >= 'a' and <= 'z' or >= '0' and <= '9'
                || (c == '-' && i > 0 && i < container.Length - 1 && container[i - 1] != '-');
            if (!allowed)
            {
                return $"container '{container}' has '{c}' at position {i}: only lowercase letters, digits and single inner hyphens are allowed.";
            }
        }
        return null;
    }

    public static bool IsValidContainer(string? container) => ContainerProblem(container) is null;

    public static void RequireContainer(string container)
    {
        var problem = ContainerProblem(container);
        if (problem is not null)
        {
            throw new ArgumentException(problem, nameof(container));
        }
    }

    public static void RequireBlob(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        if (name.Length is 0 or > MaxBlobNameLength)
        {
            throw new ArgumentException($"blob name must be 1 to {MaxBlobNameLength} characters long (is {name.Length}).", nameof(name));
        }
    }
}
