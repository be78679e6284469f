namespace Longview.Core.Experiments;

/// <summary>
/// The experiments of a deployment, from configuration (section <c>Longview:Experiments</c>, e.g.
/// <c>Longview__Experiments__Definitions__0__Id=ranking-v2</c>): every instance of either host reads the same list, so
/// every instance assigns the same user the same variant without a shared store. Checked at start-up by
/// <see cref="ExperimentOptionsValidation"/>.
/// </summary>
public sealed class ExperimentOptions
{
    public const string SectionName = "Longview:Experiments";

    public List<ExperimentDefinition> Definitions { get; set; } = [];
}
