using Longview.Core.Configuration;
using Longview.Core.Experiments.Results;
using Longview.Core.Outcomes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Longview.Core.Experiments;

public static class ExperimentServiceCollectionExtensions
{
    /// <summary>
    /// Experiments, win-back campaigns, list logging, list outcomes (and their daily job) and results, with their settings
    /// (sections <c>Longview:Experiments</c>, <c>Longview:Campaigns</c>, <c>Longview:Outcomes</c>, validated at start-up).
    /// The host registers <see cref="IServedListLog"/> and <see cref="IExperimentExposureLog"/>.
    /// </summary>
    public static IServiceCollection AddLongviewExperiments(this IServiceCollection services)
    {
        // Bound from Longview:Experiments, :Campaigns and :Outcomes in both hosts (AddSettings), validated at start.
        services.AddSettings<ExperimentOptions>(ExperimentOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ExperimentOptions>, ExperimentOptionsValidation>());
        services.AddSettings<OutcomeOptions>(OutcomeOptions.SectionName);
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<ExperimentAssigner>();
        services.TryAddSingleton<ServedListRecording>();
        services.TryAddSingleton<ListOutcomes>();
        services.TryAddSingleton<ListOutcomeJob>();
        services.TryAddSingleton<ListOutcomeQuery>();
        services.TryAddSingleton<OutcomeRunDayStep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Workflows.IWorkflowStep, OutcomeRunDayStep>(sp => sp.GetRequiredService<OutcomeRunDayStep>()));
        services.TryAddSingleton<ExperimentResults>();

        services.AddSettings<Campaigns.CampaignOptions>(Campaigns.CampaignOptions.SectionName);
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<Campaigns.CampaignOptions>, Campaigns.CampaignOptionsValidation>());
        services.TryAddSingleton<Campaigns.ICampaignAudienceProvider, Campaigns.LifecycleAudienceProvider>();
        services.TryAddSingleton<Campaigns.CampaignTargeting>();
        services.TryAddSingleton<Campaigns.CampaignEnrolment>();
        services.TryAddSingleton<Campaigns.CampaignReadouts>();
        services.TryAddSingleton<Campaigns.CampaignEnrolDayStep>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<Workflows.IWorkflowStep, Campaigns.CampaignEnrolDayStep>(sp => sp.GetRequiredService<Campaigns.CampaignEnrolDayStep>()));
        return services;
    }
}
