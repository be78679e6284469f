using System.Buffers;
using System.Buffers.Binary;
using System.Text;
using System.Text.Json;

namespace Longview.Core.Profiles;

/// <summary>
/// The primitives of <see cref="CompactProfileEncoding"/> (little endian): a varint is LEB128 of a non-negative int; a
/// string a varint byte length and UTF-8; a time the UTC ticks (int64) and the offset in minutes (int16), so it reads
/// back exactly as written; a day a varint day number.
/// </summary>
internal static class CompactWriter
{
    public static void Time(ArrayBufferWriter<byte> buffer, DateTimeOffset time)
    {
        var span = buffer.GetSpan(10);
        BinaryPrimitives.WriteInt64LittleEndian(span, time.UtcTicks);
        BinaryPrimitives.WriteInt16LittleEndian(span[8..], checked((short)time.TotalOffsetMinutes));
        buffer.Advance(10);
    }

    // At most 3 UTF-8 bytes per UTF-16 unit: a string this short encodes to fewer than 128 bytes, a one-byte varint.
    private const int OneBytePrefixChars = 127 / 3;

    public static void String(ArrayBufferWriter<byte> buffer, string value)
    {
        if (value.Length <= OneBytePrefixChars)
        {
            // One pass into the space after the prefix, then the prefix: ids are short, and counting the bytes first
            // walked every id twice (the counting pass was ~15 % of a profile's encode in a perf profile, issue 18).
            var span = buffer.GetSpan(1 + 3 * value.Length);
            var written = Encoding.UTF8.GetBytes(value, span[1..]);
            span[0] = (byte)written;
            buffer.Advance(1 + written);
            return;
        }
        var length = Encoding.UTF8.GetByteCount(value);
        Varint(buffer, length);
        Encoding.UTF8.GetBytes(value, buffer.GetSpan(length));
        buffer.Advance(length);
    }

    public static void Varint(ArrayBufferWriter<byte> buffer, int value)
    {
        var span = buffer.GetSpan(5);
        var v = (uint)value;
        var n = 0;
        while (v >= 0x80)
        {
            span[n++] = (byte)(v | 0x80);
            v >>= 7;
        }
        span[n++] = (byte)v;
        buffer.Advance(n);
    }

    public static void Byte(ArrayBufferWriter<byte> buffer, byte value)
    {
        buffer.GetSpan(1)[0] = value;
        buffer.Advance(1);
    }

    public static void Int64(ArrayBufferWriter<byte> buffer, long value)
    {
        BinaryPrimitives.WriteInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public static void UInt64(ArrayBufferWriter<byte> buffer, ulong value)
    {
        BinaryPrimitives.WriteUInt64LittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    public static void Double(ArrayBufferWriter<byte> buffer, double value)
    {
        BinaryPrimitives.WriteDoubleLittleEndian(buffer.GetSpan(8), value);
        buffer.Advance(8);
    }

    /// <summary>A count, then the days as <see cref="DayGaps"/>.</summary>
    public static void Days(ArrayBufferWriter<byte> buffer, ActiveDays days)
    {
        Varint(buffer, days.Count);
        DayGaps(buffer, days);
    }

    /// <summary>The first day number, then every next one as the gap to the previous (ascending: 1 byte for consecutive days).</summary>
    public static void DayGaps(ArrayBufferWriter<byte> buffer, ActiveDays days)
    {
        var previous = 0;
        foreach (var day in days.Days)
        {
            Varint(buffer, day.DayNumber - previous);
            previous = day.DayNumber;
        }
    }
}

/// <summary>Bounds-checked reads of <see cref="CompactWriter"/>'s primitives; every malformed body ends in a <see cref="JsonException"/> (what stores report for a bad document).</summary>
internal ref struct CompactReader(ReadOnlySpan<byte> bytes, string what = "the compact profile")
{
    private readonly ReadOnlySpan<byte> _bytes = bytes;
    private readonly string _what = what;
    private int _position;

    public readonly bool AtEnd => _position == _bytes.Length;

    public ReadOnlySpan<byte> Bytes(int length)
    {
        if (length < 0 || length > _bytes.Length - _position)
        {
            throw new JsonException($"{_what} is truncated");
        }
        var slice = _bytes.Slice(_position, length);
        _position += length;
        return slice;
    }

    public byte Byte() => Bytes(1)[0];

    /// <summary>A flags byte that may only hold the bits of <paramref name="known"/>.</summary>
    public byte Flags(byte known, string what)
    {
        var flags = Byte();
        return (flags & ~known) == 0 ? flags : throw new JsonException($"{_what} holds unknown flags for {what}");
    }

    public double Double() => BinaryPrimitives.ReadDoubleLittleEndian(Bytes(8));

    public long Int64() => BinaryPrimitives.ReadInt64LittleEndian(Bytes(8));

    public ulong UInt64() => BinaryPrimitives.ReadUInt64LittleEndian(Bytes(8));

    public DateTimeOffset Time()
    {
        var bytes = Bytes(10);
        var utcTicks = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var offset = TimeSpan.FromMinutes(BinaryPrimitives.ReadInt16LittleEndian(bytes[8..]));
        if (utcTicks < DateTimeOffset.MinValue.UtcTicks || utcTicks > DateTimeOffset.MaxValue.UtcTicks || offset.Duration() > TimeSpan.FromHours(14))
        {
            throw new JsonException($"{_what} holds a time out of range");
        }
        return new DateTimeOffset(utcTicks, TimeSpan.Zero).ToOffset(offset);
    }

    public string String() => Encoding.UTF8.GetString(Bytes(Varint()));

    /// <summary>A count of records of at least <paramref name="minBytesEach"/> bytes: larger than the rest of the body is malformed.</summary>
    public int Count(int minBytesEach)
    {
        var count = Varint();
        return count <= (_bytes.Length - _position) / minBytesEach ? count : throw new JsonException($"{_what} is truncated");
    }

    public int Varint()
    {
        uint result = 0;
        for (var shift = 0; shift < 35; shift += 7)
        {
            var b = Byte();
            result |= (uint)(b & 0x7f) << shift;
            if (b < 0x80)
            {
                return result <= int.MaxValue ? (int)result : throw new JsonException($"{_what} holds a malformed number");
            }
        }
        throw new JsonException($"{_what} holds a malformed number");
    }

    public ActiveDays Days() => DayGaps(Count(minBytesEach: 1));

    /// <summary><see cref="CompactWriter.DayGaps"/>: <paramref name="count"/> days, or every day to the end when null.</summary>
    public ActiveDays DayGaps(int? count)
    {
        var days = new ActiveDays();
        var day = 0L;
        for (var i = 0; count is { } n ? i < n : !AtEnd; i++)
        {
            var gap = Varint();
            day += gap;
            if (day > DateOnly.MaxValue.DayNumber || (i > 0 && gap == 0))
            {
                throw new JsonException($"{_what} holds an active day out of range or order");
            }
            days.Add(DateOnly.FromDayNumber((int)day));
        }
        return days;
    }
}
