using System.Buffers.Binary;
using System.Net;
using System.Net.Http.Headers;
using Grpc.Core;

namespace Platform.BuildingBlocks.Tests.Hosting;

/// <summary>
/// gRPC calls made of bytes a test chooses, framing included, as a faulty or hostile client sends
/// them; the answer's status is read from the headers (trailers-only) or the trailers.
/// </summary>
public static class RawGrpc
{
    /// <summary>One gRPC frame: the compressed flag, the length (big-endian) and the message bytes.</summary>
    public static byte[] Frame(ReadOnlySpan<byte> message, byte compressed = 0)
    {
        var frame = new byte[5 + message.Length];
        frame[0] = compressed;
        BinaryPrimitives.WriteUInt32BigEndian(frame.AsSpan(1), (uint)message.Length);
        message.CopyTo(frame.AsSpan(5));
        return frame;
    }

    public static async Task<(StatusCode Code, string Message)> CallAsync(
        HttpClient http, string path, byte[] body, IReadOnlyDictionary<string, string>? headers = null, string contentType = "application/grpc")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path)
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
        request.Headers.TE.ParseAdd("trailers");
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }
        using var response = await http.SendAsync(request);
        await response.Content.ReadAsByteArrayAsync();
        var status = Header(response, "grpc-status");
        if (status is null)
        {
            return ((StatusCode)(-(int)response.StatusCode), $"HTTP {(int)response.StatusCode} without a gRPC status");
        }
        return ((StatusCode)int.Parse(status, System.Globalization.CultureInfo.InvariantCulture),
            Uri.UnescapeDataString(Header(response, "grpc-message") ?? ""));
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.TrailingHeaders.TryGetValues(name, out values)
            ? values.FirstOrDefault()
            : null;
}
