using Longview.Api;
using Longview.Core.Campaigns;
using Longview.Core.Experiments;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;

namespace Longview.Functions.Triggers;

/// <summary>The /api/campaigns routes: <see cref="CampaignsEndpoint"/>.</summary>
public sealed class CampaignsApi(CampaignTargeting campaigns, CampaignEnrolment enrolment, IExperimentExposureLog entries, CampaignReadouts readouts, TimeProvider time)
{
    [Function("ListCampaigns")]
    public IResult List([HttpTrigger(AuthorizationLevel.Function, "get", Route = "campaigns")] HttpRequest request) =>
        CampaignsEndpoint.List(campaigns, time);

    [Function("GetCampaign")]
    public IResult Get([HttpTrigger(AuthorizationLevel.Function, "get", Route = "campaigns/{campaignId}")] HttpRequest request) =>
        CampaignsEndpoint.Get(request, campaigns, time);

    [Function("EnrolCampaign")]
    public Task<IResult> Enrol([HttpTrigger(AuthorizationLevel.Function, "post", Route = "campaigns/{campaignId}/enrolments")] HttpRequest request, CancellationToken ct) =>
        CampaignsEndpoint.EnrolAsync(request, campaigns, enrolment, ct);

    [Function("GetCampaignMembers")]
    public Task<IResult> Members([HttpTrigger(AuthorizationLevel.Function, "get", Route = "campaigns/{campaignId}/members")] HttpRequest request, CancellationToken ct) =>
        CampaignsEndpoint.MembersAsync(request, campaigns, entries, ct);

    [Function("GetCampaignResults")]
    public Task<IResult> Results([HttpTrigger(AuthorizationLevel.Function, "get", Route = "campaigns/{campaignId}/results")] HttpRequest request, CancellationToken ct) =>
        CampaignsEndpoint.ResultsAsync(request, readouts, ct);
}
