using Longview.Core.Privacy;
using Microsoft.ApplicationInsights.Channel;
using Microsoft.ApplicationInsights.DataContracts;
using Microsoft.ApplicationInsights.Extensibility;

namespace Longview.Functions.Hosting;

/// <summary>
/// Last step of the worker's Application Insights pipeline (after every initializer): request and dependency URLs and
/// names, trace messages, custom properties and the operation name get their <c>users/{userId}</c> segments (and Cosmos
/// profile document ids) replaced by the user id hash, so nothing the worker sends names a user in clear.
/// </summary>
internal sealed class UserIdTelemetryProcessor(ITelemetryProcessor next, UserIdPathRewrite rewrite) : ITelemetryProcessor
{
    public void Process(ITelemetry item)
    {
        switch (item)
        {
            case RequestTelemetry request:
                request.Name = Rewritten(request.Name);
                if (request.Url is not null)
                {
                    request.Url = new Uri(rewrite.Rewrite(request.Url.OriginalString), UriKind.RelativeOrAbsolute);
                }
                break;
            case DependencyTelemetry dependency:
                dependency.Name = Rewritten(dependency.Name);
                dependency.Data = Rewritten(dependency.Data);
                break;
            case TraceTelemetry trace:
                trace.Message = Rewritten(trace.Message);
                break;
        }
        if (item is ISupportProperties withProperties)
        {
            foreach (var key in withProperties.Properties.Keys.ToArray())
            {
                withProperties.Properties[key] = Rewritten(withProperties.Properties[key]);
            }
        }
        item.Context.Operation.Name = Rewritten(item.Context.Operation.Name);
        next.Process(item);
    }

    private string? Rewritten(string? text) => text is null ? null : rewrite.Rewrite(text);
}
