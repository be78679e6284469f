using System.Reflection;
using System.Text.Json;
using System.Text.Json.Serialization;
using Longview.Core.Serialization;
using Microsoft.Azure.Cosmos;

namespace Longview.Infrastructure.Cosmos;

/// <summary>
/// Makes the Cosmos SDK (de)serialize with System.Text.Json and <see cref="LongviewJson.Options"/>, the same
/// conventions as the API and the other stores, instead of its built-in Newtonsoft.Json.
/// </summary>
public sealed class LongviewCosmosSerializer(JsonSerializerOptions options) : CosmosLinqSerializer
{
    public LongviewCosmosSerializer() : this(LongviewJson.Options)
    {
    }

    public override T FromStream<T>(Stream stream)
    {
        using (stream)
        {
            if (typeof(Stream).IsAssignableFrom(typeof(T)))
            {
                return (T)(object)stream;
            }
            if (stream.CanSeek && stream.Length == 0)
            {
                return default!;
            }
            // One complete buffer rather than chunks: see CosmosDocuments.Deserialize.
            if (stream is MemoryStream memory && memory.TryGetBuffer(out var segment))
            {
                return JsonSerializer.Deserialize<T>(segment.AsSpan((int)memory.Position), options)!;
            }
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            return JsonSerializer.Deserialize<T>(copy.GetBuffer().AsSpan(0, (int)copy.Length), options)!;
        }
    }

    public override Stream ToStream<T>(T input)
    {
        var stream = new MemoryStream();
        JsonSerializer.Serialize(stream, input, options);
        stream.Position = 0;
        return stream;
    }

    /// <summary>LINQ queries name members the way the serializer writes them.</summary>
    public override string SerializeMemberName(MemberInfo memberInfo)
    {
        var attribute = memberInfo.GetCustomAttribute<JsonPropertyNameAttribute>(inherit: true);
        if (attribute is not null)
        {
            return attribute.Name;
        }
        return options.PropertyNamingPolicy?.ConvertName(memberInfo.Name) ?? memberInfo.Name;
    }
}
