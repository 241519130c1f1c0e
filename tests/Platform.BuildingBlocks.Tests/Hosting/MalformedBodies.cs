namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>
/// Request bodies that cannot be read, drawn from a seeded generator: protobuf that breaks the wire
/// format in each way it can, and gRPC framing that is truncated, cut short, or flagged wrongly.
/// </summary>
public static class MalformedBodies
{
    public static IEnumerable<(string Kind, byte[] Body, IReadOnlyDictionary<string, string>? Headers)> For(Random random)
    {
        var field = (byte)random.Next(1, 16);
        yield return ("field number zero", RawGrpc.Frame([0x00, .. Bytes(random, 8)]), null);
        yield return ("wire type 7", RawGrpc.Frame([(byte)((field << 3) | 7), .. Bytes(random, 8)]), null);
        yield return ("group end without start", RawGrpc.Frame([(byte)((field << 3) | 4)]), null);
        yield return ("length beyond the message", RawGrpc.Frame([(byte)((field << 3) | 2), 0x7F, .. Bytes(random, 4)]), null);
        yield return ("varint of eleven bytes", RawGrpc.Frame([(byte)(field << 3), .. Enumerable.Repeat((byte)0xFF, 10), 0x01]), null);
        var whole = RawGrpc.Frame(Bytes(random, random.Next(8, 64)));
        yield return ("frame shorter than its length", whole[..random.Next(6, whole.Length - 1)], null);
        yield return ("frame header cut short", whole[..random.Next(1, 5)], null);
        yield return ("frame followed by a cut header", [.. RawGrpc.Frame([]), .. whole[..random.Next(1, 5)]], null);
        yield return ("compressed flag out of range", RawGrpc.Frame([], (byte)random.Next(2, 256)), null);
        yield return ("compressed without an encoding", RawGrpc.Frame(Bytes(random, 8), compressed: 1), null);
        yield return ("gzip that is not gzip", RawGrpc.Frame(Bytes(random, 16), compressed: 1), new Dictionary<string, string> { ["grpc-encoding"] = "gzip" });
    }

    private static byte[] Bytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }
}
