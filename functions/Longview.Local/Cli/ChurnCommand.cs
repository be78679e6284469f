using System.CommandLine;
using System.Globalization;
using Longview.Core.Events;
using Longview.Core.Lifecycle;
using Longview.Core.Lifecycle.Churn;
using Longview.Local.Retention;

namespace Longview.Local.Cli;

/// <summary>
/// <c>churn --dataset P --format lastfm|amazon|ml-1m|cdnow [--cutoff D] [--horizon N]</c>: the temporal churn protocol
/// on a raw dataset (features as of D, label = no activity in the next N days) for every churn score, as a table:
/// ROC-AUC, PR-AUC, Brier, top-decile lift, base rate. The cut-off defaults to N days before the data's last day.
/// </summary>
internal static class ChurnCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Raw dataset file or folder.", Required = true };
        var format = new Option<string>("--format") { Description = "Format of --dataset.", DefaultValueFactory = _ => "lastfm" };
        format.AcceptOnlyFromAmong([.. DatasetActivity.Formats]);
        var cutoff = new Option<string?>("--cutoff") { Description = "Cut-off UTC day yyyy-MM-dd (default: the last day of the data minus --horizon)." };
        var horizon = new Option<int>("--horizon") { Description = "Churned = no activity in this many days after the cut-off.", DefaultValueFactory = _ => 90 };
        horizon.Validators.Add(r => { if (r.GetValueOrDefault<int>() is < 1 or > 3_650) { r.AddError("--horizon must be 1..3650 days"); } });
        var command = new Command("churn", "Evaluate churn scores on a dataset with the temporal protocol (ROC-AUC, PR-AUC, Brier, lift).") { dataset, format, cutoff, horizon };
        command.SetAction(parse =>
        {
            var path = CommonOptions.ExistingPath(parse.GetValue(dataset)!, "--dataset");
            var read = DatasetActivity.Read(path, parse.GetValue(format)!, new EventLimits());
            if (read.Users.Count == 0)
            {
                Console.Error.WriteLine($"--dataset: no usable events in {path}");
                return 1;
            }
            var days = parse.GetValue(horizon);
            var day = CommonOptions.ParseDay(parse.GetValue(cutoff), "--cutoff") ?? read.Users.Max(u => u.LastSeenDay).AddDays(-days);
            var results = TemporalChurnEvaluation.Run(read.Users, day, days, new LifecycleOptions());
            var first = results[0].Scorecard;
            Console.Out.WriteLine($"# churn as of {day:yyyy-MM-dd}, horizon {days} days: {first.Users:N0} users active by then, {first.BaseRate:P1} churned");
            Console.Out.WriteLine("method,roc_auc,pr_auc,brier,top_decile_lift");
            foreach (var r in results)
            {
                var c = r.Scorecard;
                Console.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{r.Method},{c.RocAuc:F3},{c.PrAuc:F3},{c.Brier:F3},{c.TopDecileLift:F2}"));
            }
            return 0;
        });
        return command;
    }
}
