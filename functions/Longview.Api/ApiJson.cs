using System.Text.Json;
using Longview.Core.Serialization;

namespace Longview.Api;

/// <summary>Makes the HTTP layer (responses and the OpenAPI schemas) follow <see cref="LongviewJson.Options"/>.</summary>
public static class ApiJson
{
    public static void Configure(JsonSerializerOptions options)
    {
        options.DefaultIgnoreCondition = LongviewJson.Options.DefaultIgnoreCondition;
        options.PropertyNamingPolicy = LongviewJson.Options.PropertyNamingPolicy;
        foreach (var converter in LongviewJson.Options.Converters)
        {
            options.Converters.Add(converter);
        }
    }
}
