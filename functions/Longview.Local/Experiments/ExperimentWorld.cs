using Longview.Core.Events;
using Longview.Core.Items;
using Longview.Core.Retention;
using Longview.Core.Serving.Popularity;
using Longview.Core.Simulation.ClosedLoop;
using Longview.Local.Evaluation;

namespace Longview.Local.Experiments;

/// <summary>
/// What every run of an experiment shares, read once from a real dataset: the catalogue, the items' genres and appeal,
/// the taste prior, the popularity table the fallback path ranks by, and the real users' activity (calibration target).
/// </summary>
public sealed class ExperimentWorld
{
    private ExperimentWorld(IReadOnlyList<CatalogItem> items, ItemFeatures features, TastePrior prior, PopularityTable popularity, IReadOnlyList<UserActivity> realActivity)
    {
        Items = items;
        Features = features;
        Prior = prior;
        Popularity = popularity;
        RealActivity = realActivity;
    }

    public IReadOnlyList<CatalogItem> Items { get; }

    public ItemFeatures Features { get; }

    public TastePrior Prior { get; }

    public PopularityTable Popularity { get; }

    public IReadOnlyList<UserActivity> RealActivity { get; }

    public static ExperimentWorld From(EvaluationDataset dataset, UserModelOptions userModel)
    {
        var users = dataset.EventsByUser.Values.Select(list => (IReadOnlyList<UserEvent>)list).ToArray();
        var features = ItemFeatures.Build(dataset.Items, users);
        var prior = TastePrior.Fit(features, users, userModel.TasteSmoothing);
        var popularity = new PopularityTable(features.UsersPerItem.Select(p => KeyValuePair.Create(p.Key, (double)p.Value)));
        var activity = new UserActivityCollector();
        foreach (var e in users.SelectMany(u => u))
        {
            activity.Add(e);
        }
        return new ExperimentWorld(dataset.Items, features, prior, popularity, [.. activity.Activities()]);
    }
}
