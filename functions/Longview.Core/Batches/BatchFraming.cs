using System.Text.Json;

namespace Longview.Core.Batches;

/// <summary>The elements of a body, or why the body as a whole was refused.</summary>
public sealed record FramedBatch(IReadOnlyList<BatchElement> Elements, BatchFailure? Failure);

/// <summary>
/// Splits a request body into element slices, shared by every batch reader. Accepted forms: one JSON value
/// (possibly pretty-printed over many lines), a JSON array, or NDJSON (one value per line; blank lines are not
/// elements). In NDJSON a broken line stays an element of its own, so the reader rejects that one element and the
/// other lines still count; a broken array or an unreadable single value refuses the whole body.
/// </summary>
public static class BatchFraming
{
    private static readonly JsonReaderOptions ReaderOptions = new() { CommentHandling = JsonCommentHandling.Disallow, MaxDepth = 64 };

    /// <param name="body">UTF-8 request body.</param>
    /// <param name="maxBytes">Larger bodies are refused (413).</param>
    /// <param name="maxElements">Bodies with more elements are refused (413).</param>
    /// <param name="elementName">What one element is called in messages ("event", "item").</param>
    public static FramedBatch Split(ReadOnlyMemory<byte> body, int maxBytes, int maxElements, string elementName)
    {
        if (body.Length > maxBytes)
        {
            return Fail(BatchFailure.TooLarge($"The body has {body.Length} bytes; at most {maxBytes} are accepted."));
        }

        var span = body.Span;
        var start = SkipBomAndWhitespace(span);
        if (start == span.Length)
        {
            return Fail(BatchFailure.Unreadable($"The body is empty; send one {elementName} object, a JSON array or NDJSON."));
        }

        return span[start] == (byte)'['
            ? SplitArray(body, start, maxElements, elementName)
            : SplitValueOrLines(body, start, maxElements, elementName);
    }

    private static FramedBatch SplitArray(ReadOnlyMemory<byte> body, int start, int maxElements, string elementName)
    {
        var elements = new List<BatchElement>();
        var reader = new Utf8JsonReader(body.Span[start..], isFinalBlock: true, new JsonReaderState(ReaderOptions));
        try
        {
            reader.Read(); // the '['
            while (reader.Read())
            {
                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    break;
                }

                var elementStart = (int)reader.TokenStartIndex;
                reader.Skip();
                var elementEnd = (int)reader.BytesConsumed;
                if (elements.Count == maxElements)
                {
                    return Fail(TooMany(maxElements, elementName));
                }

                elements.Add(new BatchElement(elements.Count, body.Slice(start + elementStart, elementEnd - elementStart)));
            }

            if (reader.TokenType != JsonTokenType.EndArray || reader.CurrentDepth != 0)
            {
                return Fail(BatchFailure.Unreadable("The JSON array is not closed."));
            }

            // Anything after the closing bracket makes the body ambiguous.
            if (reader.Read())
            {
                return Fail(BatchFailure.Unreadable($"Unexpected content after the JSON array at byte {start + reader.TokenStartIndex}."));
            }
        }
        catch (JsonException ex)
        {
            return Fail(BatchFailure.Unreadable($"The JSON array is malformed: {ex.Message}"));
        }

        return new FramedBatch(elements, null);
    }

    private static FramedBatch SplitValueOrLines(ReadOnlyMemory<byte> body, int start, int maxElements, string elementName)
    {
        var span = body.Span;
        var firstValueEnd = TryReadOneValue(span[start..]);
        if (firstValueEnd is { } end && SkipBomAndWhitespace(span[(start + end)..]) == span.Length - start - end)
        {
            if (span[start] != (byte)'{')
            {
                return Fail(BatchFailure.Unreadable($"The body must be one {elementName} object, a JSON array of objects, or NDJSON."));
            }

            return new FramedBatch([new BatchElement(0, body.Slice(start, end))], null);
        }

        // More than one value (or an unreadable first one): NDJSON, but only if at least one line is a complete object
        // on its own; a body that is neither is unreadable as a whole rather than a pile of "bad lines".
        var lines = SplitLines(body);
        if (firstValueEnd is null && !lines.Exists(IsCompleteObject))
        {
            return Fail(BatchFailure.Unreadable($"The body is not JSON: it is neither one {elementName} object, a JSON array, nor NDJSON."));
        }

        if (lines.Count > maxElements)
        {
            return Fail(TooMany(maxElements, elementName));
        }

        var elements = new List<BatchElement>(lines.Count);
        for (var i = 0; i < lines.Count; i++)
        {
            elements.Add(new BatchElement(i, lines[i]));
        }

        return new FramedBatch(elements, null);
    }

    private static bool IsCompleteObject(ReadOnlyMemory<byte> line) =>
        line.Span[0] == (byte)'{' && TryReadOneValue(line.Span) is { } end && end == line.Length;

    /// <summary>Non-blank lines, trimmed of surrounding whitespace (and of the \r of CRLF).</summary>
    private static List<ReadOnlyMemory<byte>> SplitLines(ReadOnlyMemory<byte> body)
    {
        var lines = new List<ReadOnlyMemory<byte>>();
        var span = body.Span;
        var position = 0;
        while (position < span.Length)
        {
            var newline = span[position..].IndexOf((byte)'\n');
            var length = newline < 0 ? span.Length - position : newline;
            var line = body.Slice(position, length);
            var trimmedStart = SkipBomAndWhitespace(line.Span);
            var trimmed = line[trimmedStart..];
            var trimmedLength = trimmed.Span.TrimEnd(" \t\r"u8).Length;
            if (trimmedLength > 0)
            {
                lines.Add(trimmed[..trimmedLength]);
            }

            position += length + 1;
        }

        return lines;
    }

    /// <summary>Bytes taken by the first complete JSON value of <paramref name="span"/>, or null when it is malformed or incomplete.</summary>
    private static int? TryReadOneValue(ReadOnlySpan<byte> span)
    {
        var reader = new Utf8JsonReader(span, isFinalBlock: true, new JsonReaderState(new JsonReaderOptions { AllowMultipleValues = true, MaxDepth = ReaderOptions.MaxDepth }));
        try
        {
            if (!reader.Read())
            {
                return null;
            }

            reader.Skip();
            return (int)reader.BytesConsumed;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static int SkipBomAndWhitespace(ReadOnlySpan<byte> span)
    {
        var i = span.StartsWith("\uFEFF"u8) ? 3 : 0;
        while (i < span.Length && span[i] is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n')
        {
            i++;
        }

        return i;
    }

    private static BatchFailure TooMany(int maxElements, string elementName) =>
        BatchFailure.TooLarge($"The batch has more than {maxElements} {elementName}s; split it into smaller batches.");

    private static FramedBatch Fail(BatchFailure failure) => new([], failure);
}
