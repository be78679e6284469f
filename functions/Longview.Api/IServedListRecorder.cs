using Longview.Core.Serving;

namespace Longview.Api;

/// <summary>
/// What a host does with a list once it is served (log its impressions). Called after the list is computed; an
/// implementation must neither fail nor noticeably delay the answer.
/// </summary>
public interface IServedListRecorder
{
    ValueTask RecordAsync(ServedRecommendation served, CancellationToken cancellationToken);
}
