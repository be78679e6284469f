namespace Longview.Core.Batches;

/// <summary>
/// What a batch reader made of a body: the valid values with their positions and one error per refused element,
/// or, when the body as a whole was refused, only <see cref="Failure"/>.
/// </summary>
public sealed record BatchRead<TValue, TError>(IReadOnlyList<Indexed<TValue>> Values, IReadOnlyList<TError> Errors, BatchFailure? Failure)
{
    public static BatchRead<TValue, TError> Failed(BatchFailure failure) => new([], [], failure);
}
