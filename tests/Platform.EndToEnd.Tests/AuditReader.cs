using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace Platform.EndToEnd.Tests;

/// <summary>A caller of the JSON API with its token, and the few calls the audit tests make through it.</summary>
public sealed class JsonCaller(Uri address, string token) : IDisposable
{
    private readonly HttpClient _http = new(new HttpClientHandler()) { BaseAddress = address, DefaultRequestHeaders = { Authorization = new AuthenticationHeaderValue("Bearer", token) } };

    public HttpClient Http => _http;

    public async Task<JsonElement> PostAsync(string path, object body)
    {
        var response = await _http.PostAsJsonAsync(path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Another service hears of a new person through the bus a moment after the registry stores her.</summary>
    public async Task<HttpResponseMessage> UntilKnownAsync(Func<HttpClient, Task<HttpResponseMessage>> send)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        var response = await send(_http);
        while (response.StatusCode == HttpStatusCode.NotFound && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            response = await send(_http);
        }
        return response;
    }

    /// <summary>One page over the last day (a token is bound to its period, so a caller paging passes the same one).</summary>
    public Task<HttpResponseMessage> AuditAsync(string filter, int pageSize = 0, string? pageToken = null, DateTimeOffset? now = null)
    {
        var at = now ?? DateTimeOffset.UtcNow;
        return _http.GetAsync($"/v1/audit/events?{filter}&from={Instant(at.AddDays(-1))}&until={Instant(at.AddMinutes(5))}"
            + (pageSize > 0 ? $"&pageSize={pageSize}" : "") + (pageToken is null ? "" : $"&pageToken={Uri.EscapeDataString(pageToken)}"));
    }

    /// <summary>Every page of the trail for the filter (over the last day), in the order served.</summary>
    public async Task<List<JsonElement>> AuditAllAsync(string filter, int pageSize = 0)
    {
        var all = new List<JsonElement>();
        var now = DateTimeOffset.UtcNow;
        string? token = null;
        do
        {
            var response = await AuditAsync(filter, pageSize, token, now);
            var text = await response.Content.ReadAsStringAsync();
            Assert.True(response.IsSuccessStatusCode, $"audit: {(int)response.StatusCode} {text}");
            using var page = JsonDocument.Parse(text);
            var events = page.RootElement.TryGetProperty("events", out var list) ? list.EnumerateArray().Select(e => e.Clone()).ToList() : [];
            Assert.True(pageSize == 0 || events.Count <= pageSize);
            all.AddRange(events);
            token = page.RootElement.TryGetProperty("nextPageToken", out var next) && next.GetString() is { Length: > 0 } t ? t : null;
        }
        while (token is not null);
        return all;
    }

    public static string Instant(DateTimeOffset at) => Uri.EscapeDataString(at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));

    public static string Text(JsonElement element, string name) => element.TryGetProperty(name, out var value) ? value.GetString() ?? "" : "";

    public void Dispose() => _http.Dispose();
}
