using System.Globalization;
using System.Text;
using FsCheck;
using FsCheck.Fluent;

namespace Longview.Core.Tests.Fuzzing;

/// <summary>One line of an NDJSON batch: a valid element, or one broken in a known way (<see cref="Kind"/>).</summary>
/// <param name="TextSafe">False when the bytes are not UTF-8 and so cannot travel as text (an Event Hubs message string): decoding would change them.</param>
public sealed record FuzzLine(bool Good, string Kind, byte[] Bytes, string? Id, bool TextSafe = true)
{
    public override string ToString() => $"{(Good ? "good" : "bad")} {Kind}: {Encoding.UTF8.GetString(Bytes)}";
}

/// <summary>An NDJSON batch whose first line is valid (so the body is framed as lines) and whose other lines are mixed.</summary>
public sealed record FuzzBatch(IReadOnlyList<FuzzLine> Lines)
{
    public byte[] Body() => [.. Lines.SelectMany((line, i) => i == 0 ? line.Bytes : [(byte)'\n', .. line.Bytes])];

    public string Text() => Encoding.UTF8.GetString(Body());

    public IEnumerable<int> GoodIndexes => Lines.Select((line, i) => (line, i)).Where(x => x.line.Good).Select(x => x.i);

    public IEnumerable<int> BadIndexes => Lines.Select((line, i) => (line, i)).Where(x => !x.line.Good).Select(x => x.i);

    /// <summary>Every id of the batch that names someone, good or bad: none may reach a log line.</summary>
    public IEnumerable<string> Ids => Lines.Where(l => l.Id is not null).Select(l => l.Id!);

    public FuzzBatch TextSafeOnly() => new([Lines[0], .. Lines.Skip(1).Where(l => l.TextSafe)]);

    public override string ToString() => string.Join(Environment.NewLine, Lines);
}

/// <summary>
/// Generators of hostile batches for the event and item readers and everything behind them: random bytes, random
/// JSON-ish text, random Unicode (C0/C1 control characters, unpaired surrogates, invalid UTF-8), huge numbers,
/// duplicate keys, two values on one line, deep nesting, truncation. Ids are distinctive tokens so that a log line
/// carrying one is found by a plain substring search.
/// </summary>
public static class FuzzBatches
{
    public static readonly DateTimeOffset Now = new(2025, 6, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly string[] Types = ["view", "click", "purchase", "rating", "like", "dislike", "share", "impression", "session_start"];

    private static readonly byte[][] InvalidUtf8 =
    [
        [0xFF], [0xFE, 0xFF], [0xC3, 0x28], [0x80], [0xBF, 0x80], [0xC0, 0xAF], [0xE0, 0x80, 0xAF],
        [0xED, 0xA0, 0x80], [0xED, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF8, 0x88, 0x80, 0x80, 0x80], [0xE2, 0x82], [0xF0, 0x9F, 0x98],
    ];

    public static Arbitrary<FuzzBatch> EventBatches() => Batch(GoodEvent(), BadEvent()).ToArbitrary();

    public static Arbitrary<FuzzBatch> ItemBatches() => Batch(GoodItem(), BadItem()).ToArbitrary();

    /// <summary>Random bytes of every value (no framing promised): the readers may refuse the body, never throw.</summary>
    public static Arbitrary<byte[]> RandomBodies() =>
        Gen.OneOf(
                ArbMap.Default.GeneratorFor<byte[]>(),
                Gen.Choose(0, 255).Select(b => (byte)b).ArrayOf(),
                AnyUnicode().Select(Encoding.UTF8.GetBytes),
                Gen.Elements("{", "[", "\"", "}", "]", ",", ":", "\\u", "\\ud800", "1e999", "null", "{\"userId\":", "\n", "\uFEFF", "\u0085").ArrayOf().Select(parts => Encoding.UTF8.GetBytes(string.Concat(parts))),
                InAField())
            .ToArbitrary();

    /// <summary>Random bytes as the text of a field the readers decode (a value, or a context key): the bytes reach the string decoder.</summary>
    private static Gen<byte[]> InAField() =>
        from field in Gen.Elements("eventId", "userId", "itemId", "type", "timestamp", "recommendationId", "title", "createdAt", "contextKey", "contextValue", "categories")
        from bytes in ArbMap.Default.GeneratorFor<byte[]>()
        let text = bytes.Where(b => b is not ((byte)'"' or (byte)'\\' or < 0x20)).ToArray()
        select field switch
        {
            "contextKey" => (byte[])[.. "{\"context\":{\""u8, .. text, .. "\":\"v\"}}"u8],
            "contextValue" => [.. "{\"context\":{\"k\":\""u8, .. text, .. "\"}}"u8],
            "categories" => [.. "{\"categories\":[\""u8, .. text, .. "\"]}"u8],
            _ => [.. Encoding.UTF8.GetBytes($"{{\"{field}\":\""), .. text, .. "\"}"u8],
        };

    /// <summary>A user id as a producer might send it, made of any UTF-16 code units (escaped in the JSON), and its JSON text.</summary>
    public static Arbitrary<string> AnyIds() => AnyUnicode().ToArbitrary();

    private static Gen<FuzzBatch> Batch(Gen<Func<int, FuzzLine>> good, Gen<Func<int, FuzzLine>> bad) =>
        from first in good
        from count in Gen.Choose(0, 12)
        from rest in Gen.Frequency((3, good), (2, bad)).ListOf(count)
        select new FuzzBatch([.. new[] { first }.Concat(rest).Select((make, i) => make(i))]);

    private static Gen<string> Token(string prefix) =>
        Gen.Choose('a', 'z').Select(c => (char)c).ArrayOf(10).Select(chars => prefix + new string(chars));

    /// <summary>Any UTF-16 code unit, control characters and lone surrogates included, weighted towards the interesting ranges.</summary>
    private static Gen<char> AnyChar() =>
        Gen.Frequency(
            (4, Gen.Choose(0x20, 0x7E)),
            (2, Gen.Choose(0x00, 0x1F)),
            (2, Gen.Choose(0x7F, 0x9F)),
            (2, Gen.Choose(0xD800, 0xDFFF)),
            (2, Gen.Choose(0xA0, 0xFFFF)))
        .Select(c => (char)c);

    private static Gen<string> AnyUnicode() => AnyChar().ArrayOf().Select(chars => new string(chars));

    /// <summary>Every character as a \uXXXX escape: any UTF-16 sequence, lone surrogates included, as valid JSON text.</summary>
    public static string Escaped(string text) => string.Concat(text.Select(c => $"\\u{(int)c:x4}"));

    private static string Event(string eventId, string userId, string type = "view", string item = "\"i1\"", string extra = "") =>
        $"{{\"eventId\":\"{eventId}\",\"userId\":{userId},\"itemId\":{item},\"type\":\"{type}\",\"timestamp\":\"2025-05-01T10:00:00Z\"{(type == "rating" ? ",\"value\":4" : "")}{extra}}}";

    private static Gen<Func<int, FuzzLine>> GoodEvent() =>
        from user in Token("usr")
        from type in Gen.Elements(Types)
        from item in Gen.Choose(0, 9)
        from withSlash in Gen.Elements(false, false, true)
        select (Func<int, FuzzLine>)(i =>
        {
            // Ids with '/', '.' and '..' are valid and must stay ingestible.
            var itemId = withSlash ? $"\"i/{item}/..\"" : $"\"i{item}\"";
            return new FuzzLine(true, "good", Encoding.UTF8.GetBytes(Event($"e{i}", $"\"{user}\"", type, type == "session_start" ? "null" : itemId)), user);
        });

    private static Gen<Func<int, FuzzLine>> BadEvent() =>
        from user in Token("bad")
        from c1 in Gen.Choose(0x80, 0x9F)
        from c0 in Gen.Choose(0x00, 0x1F)
        from surrogate in Gen.Choose(0xD800, 0xDFFF)
        from junk in Gen.Elements(InvalidUtf8)
        from field in Gen.Elements("userId", "itemId", "eventId", "type", "timestamp", "recommendationId", "contextKey", "contextValue")
        from noise in AnyUnicode()
        from bytes in ArbMap.Default.GeneratorFor<byte[]>()
        from digits in Gen.Choose(400, 2000)
        from cut in Gen.Choose(1, 60)
        from kind in Gen.Choose(0, 15)
        select (Func<int, FuzzLine>)(i =>
        {
            var id = $"b{i}";
            var quoted = $"\"{user}\"";
            string? text = kind switch
            {
                0 => Event(id, $"\"{user}\\u{c1:x4}\""),
                1 => Event(id, $"\"{user}{(char)c1}\""),
                2 => Event(id, quoted, item: $"\"i\\u{c0:x4}\""),
                3 => field switch
                {
                    "userId" => Event(id, $"\"{user}\\u{surrogate:x4}\""),
                    "itemId" => Event(id, quoted, item: $"\"i\\u{surrogate:x4}\""),
                    "eventId" => Event($"{id}\\u{surrogate:x4}", quoted),
                    "type" => Event(id, quoted, type: $"view\\u{surrogate:x4}"),
                    "timestamp" => Event(id, quoted).Replace("10:00:00Z", $"10:00:00Z\\u{surrogate:x4}", StringComparison.Ordinal),
                    "recommendationId" => Event(id, quoted, extra: $",\"recommendationId\":\"r\\u{surrogate:x4}\""),
                    "contextKey" => Event(id, quoted, extra: $",\"context\":{{\"k\\u{surrogate:x4}\":\"v\"}}"),
                    _ => Event(id, quoted, extra: $",\"context\":{{\"k\":\"v\\u{surrogate:x4}\"}}"),
                },
                4 => null, // invalid UTF-8, below
                5 => Event(id, quoted, extra: ",\"value\":1e999999"),
                6 => Event(id, quoted, extra: ",\"value\":" + new string('9', digits)),
                7 => Event(id, quoted, type: "rating").Replace(",\"value\":4", ",\"value\":-" + new string('7', digits) + ".5e308", StringComparison.Ordinal),
                8 => Event(id, quoted, extra: $",\"userId\":\"{user}x\""),
                9 => Event(id, quoted, extra: ",\"context\":{\"k\":\"a\",\"k\":\"b\"}"),
                10 => Event(id, quoted) + Event($"{id}x", quoted),
                11 => "#" + new string(noise.Where(c => c != '\n').ToArray()),
                12 => null, // random bytes, below
                13 => Event(id, $"\"{user}{Escaped(noise)}\\u{c1:x4}\""),
                14 => Event(id, quoted, extra: ",\"context\":" + new string('[', 70) + new string(']', 70)),
                _ => Event(id, quoted)[..Math.Min(cut, Event(id, quoted).Length - 1)],
            };
            if (kind == 4)
            {
                var raw = Encoding.UTF8.GetBytes(Event(id, $"\"{user}#\""));
                var at = Array.IndexOf(raw, (byte)'#');
                return new FuzzLine(false, "invalid UTF-8", [.. raw[..at], .. junk, .. raw[(at + 1)..]], user, TextSafe: false);
            }

            if (kind == 12)
            {
                return new FuzzLine(false, "random bytes", [(byte)'#', .. bytes.Where(b => b != (byte)'\n')], null);
            }

            return new FuzzLine(false, $"kind {kind} ({field})", Encoding.UTF8.GetBytes(text!), user, TextSafe: kind != 11 || !noise.Any(char.IsSurrogate));
        });

    private static string Item(string itemId, string title = "\"t\"", string categories = "[\"a\"]", string extra = "") =>
        $"{{\"itemId\":{itemId},\"title\":{title},\"categories\":{categories}{extra}}}";

    private static Gen<Func<int, FuzzLine>> GoodItem() =>
        from withSlash in Gen.Elements(false, true)
        from text in Gen.Elements("", ",\"description\":\"A heist in L.A.\\n\"", ",\"tags\":[\"heist\",\"heist\",\"l\\u00e9on\"]",
            ",\"description\":null,\"tags\":null", ",\"tags\":[],\"description\":\"\"")
        select (Func<int, FuzzLine>)(i =>
            new FuzzLine(true, "good", Encoding.UTF8.GetBytes(Item(withSlash ? $"\"m/{i}\"" : $"\"m{i}\"", extra: text)), null));

    private static Gen<Func<int, FuzzLine>> BadItem() =>
        from c1 in Gen.Choose(0x80, 0x9F)
        from surrogate in Gen.Choose(0xD800, 0xDFFF)
        from junk in Gen.Elements(InvalidUtf8)
        from bytes in ArbMap.Default.GeneratorFor<byte[]>()
        from kind in Gen.Choose(0, 13)
        select (Func<int, FuzzLine>)(i =>
        {
            var id = $"\"x{i}\"";
            string? text = kind switch
            {
                0 => Item($"\"x{i}\\u{c1:x4}\""),
                1 => Item(id, title: $"\"t\\u{surrogate:x4}\""),
                2 => Item(id, categories: $"[\"a\",\"\\u{surrogate:x4}\"]"),
                3 => Item($"\"x\\u{surrogate:x4}\""),
                4 => null,
                5 => Item(id, title: "1e999999"),
                6 => Item(id, extra: ",\"title\":\"u\""),
                7 => Item(id) + Item(id),
                8 => null,
                10 => Item(id, extra: $",\"description\":\"d\\u{surrogate:x4}\""),
                11 => Item(id, extra: $",\"tags\":[\"ok\",\"\\u{surrogate:x4}\"]"),
                12 => Item(id, extra: ",\"tags\":[\" \"]"),
                13 => Item(id, extra: ",\"description\":42"),
                _ => Item(id, extra: ",\"createdAt\":\"2024-01-01T00:00:00Z\\u" + surrogate.ToString("x4", CultureInfo.InvariantCulture) + "\""),
            };
            if (kind == 4)
            {
                var raw = Encoding.UTF8.GetBytes(Item(id, title: "\"t#\""));
                var at = Array.IndexOf(raw, (byte)'#');
                return new FuzzLine(false, "invalid UTF-8", [.. raw[..at], .. junk, .. raw[(at + 1)..]], null, TextSafe: false);
            }

            if (kind == 8)
            {
                return new FuzzLine(false, "random bytes", [(byte)'#', .. bytes.Where(b => b != (byte)'\n')], null);
            }

            return new FuzzLine(false, $"kind {kind}", Encoding.UTF8.GetBytes(text!), null);
        });
}
