using Longview.Core.Experiments.Results;
using Longview.Core.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Experiments;

public static class ExperimentServiceCollectionExtensions
{
    /// <summary>
    /// Experiments, win-back campaigns, list logging, list outcomes and results. The host binds <see cref="ExperimentOptions"/>
    /// and <see cref="OutcomeOptions"/> (sections <c>Longview:Experiments</c>, <c>Longview:Outcomes</c>) and registers
    /// <see cref="IServedListLog"/> and <see cref="IExperimentExposureLog"/>; both are validated at start-up.
    /// </summary>
    public static IServiceCollection AddLongviewExperiments(this IServiceCollection services)
    {
        services.AddOptions<ExperimentOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExperimentOptions>, ExperimentOptionsValidation>());
        services.AddOptions<OutcomeOptions>()
            .Validate(o => o.AttributionWindow >= TimeSpan.FromMinutes(1) && o.AttributionWindow <= TimeSpan.FromDays(30),
                $"{OutcomeOptions.SectionName}:AttributionWindow must be between 00:01:00 and 30.00:00:00.")
            .Validate(o => o.PageSize is >= 1 and <= 10_000, $"{OutcomeOptions.SectionName}:PageSize must be between 1 and 10000.")
            .Validate(o => o.MaxRangeDays is >= 1 and <= 366, $"{OutcomeOptions.SectionName}:MaxRangeDays must be between 1 and 366.")
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExperimentAssigner>();
        services.TryAddSingleton<ServedListRecording>();
        services.TryAddSingleton<ListOutcomes>();
        services.TryAddSingleton<ListOutcomeJob>();
        services.TryAddSingleton<ListOutcomeQuery>();
        services.TryAddSingleton<OutcomeRunDayStep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Workflows.IWorkflowStep, OutcomeRunDayStep>(sp => sp.GetRequiredService<OutcomeRunDayStep>()));
        services.TryAddSingleton<ExperimentResults>();

        services.AddOptions<Campaigns.CampaignOptions>().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Campaigns.CampaignOptions>, Campaigns.CampaignOptionsValidation>());
        services.TryAddSingleton<Campaigns.ICampaignAudienceProvider, Campaigns.LifecycleAudienceProvider>();
        services.TryAddSingleton<Campaigns.CampaignTargeting>();
        services.TryAddSingleton<Campaigns.CampaignEnrolment>();
        services.TryAddSingleton<Campaigns.CampaignReadouts>();
        return services;
    }
}
