using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using Platform.Bench;

namespace Platform.Web.Bench;

/// <summary>
/// A signed-in browser, as far as the server can tell: the Development sign-in form posted with its
/// anti-forgery token, the session cookie kept, and compressed responses accepted.
/// </summary>
public sealed partial class PageClient : IDisposable
{
    private readonly HttpClient _http;

    private PageClient(HttpClient http) => _http = http;

    public static async Task<PageClient> SignInAsync(Uri site, string role, string agency)
    {
        var handler = new HttpClientHandler
        {
            CookieContainer = new CookieContainer(), AllowAutoRedirect = false,
            AutomaticDecompression = DecompressionMethods.None,
        };
        var http = new HttpClient(handler) { BaseAddress = site, Timeout = TimeSpan.FromMinutes(2) };
        http.DefaultRequestHeaders.AcceptEncoding.ParseAdd("gzip, deflate, br");
        var form = await (await http.GetAsync(new Uri("/sign-in", UriKind.Relative))).Content.ReadAsStringAsync();
        var token = WebUtility.HtmlDecode(FormToken().Match(form).Groups[1].Value);
        var signedIn = await http.PostAsync(new Uri("/sign-in/development", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token, ["role"] = role, ["agency"] = agency, ["area"] = Bench.Area, ["returnUrl"] = "/",
        }));
        if (signedIn.StatusCode != HttpStatusCode.Redirect)
        {
            throw new InvalidOperationException($"Sign-in as {role} at {agency} answered {(int)signedIn.StatusCode}.");
        }
        return new PageClient(http);
    }

    /// <summary>The page's HTML, checked to be a 200 that is not a problem page.</summary>
    public async Task<string> HtmlAsync(string path)
    {
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var html = await Decompressed(response);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            var said = System.Text.RegularExpressions.Regex.Match(html, "<main[^>]*>(.*?)</main>", System.Text.RegularExpressions.RegexOptions.Singleline).Groups[1].Value;
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}: {System.Text.RegularExpressions.Regex.Replace(said, "<[^>]+>|\\s+", " ")}");
        }
        return html;
    }

    /// <summary>The time from sending the request to the last byte of the page (the server's time on loopback).</summary>
    public async Task TimeAsync(string path, Samples samples)
    {
        var started = Stopwatch.GetTimestamp();
        using var response = await _http.GetAsync(new Uri(path, UriKind.Relative), HttpCompletionOption.ResponseContentRead);
        samples.Add(started);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw new InvalidOperationException($"{path} answered {(int)response.StatusCode}.");
        }
    }

    /// <summary>What a first load transfers: the page and every stylesheet, script, image and icon it names, as sent (compressed where the app compresses).</summary>
    public async Task<FirstLoad> FirstLoadAsync(string path)
    {
        var load = new FirstLoad();
        using var page = await _http.GetAsync(new Uri(path, UriKind.Relative));
        var bytes = await page.Content.ReadAsByteArrayAsync();
        load.Add("html", bytes.Length, page.Content.Headers.ContentEncoding);
        var html = await Decompressed(page, bytes);
        var assets = Asset().Matches(html).Select(m => WebUtility.HtmlDecode(m.Groups[2].Value))
            .Where(href => !href.StartsWith("data:", StringComparison.Ordinal) && !href.StartsWith("//", StringComparison.Ordinal) && !href.Contains("://", StringComparison.Ordinal))
            // The pages name their assets relative to <base href="/">.
            .Select(href => href.StartsWith('/') ? href : "/" + href).Distinct().ToList();
        foreach (var asset in assets)
        {
            using var response = await _http.GetAsync(new Uri(asset, UriKind.Relative));
            var body = await response.Content.ReadAsByteArrayAsync();
            load.Add(Path.GetExtension(new Uri(new Uri("http://x"), asset).AbsolutePath).TrimStart('.'), body.Length, response.Content.Headers.ContentEncoding);
            if (asset.EndsWith(".css", StringComparison.Ordinal))
            {
                // The fonts a stylesheet declares are fetched too (woff2, compressed already): a browser fetches those the page uses, at most these.
                var css = await Decompressed(response, body);
                foreach (var url in CssUrl().Matches(css).Select(m => m.Groups[1].Value).Where(u => u.Contains(".woff2", StringComparison.Ordinal)).Distinct())
                {
                    var absolute = new Uri(new Uri(_http.BaseAddress!, asset), url);
                    using var font = await _http.GetAsync(absolute);
                    if (font.IsSuccessStatusCode)
                    {
                        load.Add("font", (await font.Content.ReadAsByteArrayAsync()).Length, font.Content.Headers.ContentEncoding);
                    }
                }
            }
        }
        return load;
    }

    private static async Task<string> Decompressed(HttpResponseMessage response, byte[]? bytes = null)
    {
        bytes ??= await response.Content.ReadAsByteArrayAsync();
        Stream stream = new MemoryStream(bytes);
        foreach (var encoding in response.Content.Headers.ContentEncoding.Reverse())
        {
            stream = encoding switch
            {
                "br" => new System.IO.Compression.BrotliStream(stream, System.IO.Compression.CompressionMode.Decompress),
                "gzip" => new System.IO.Compression.GZipStream(stream, System.IO.Compression.CompressionMode.Decompress),
                _ => stream,
            };
        }
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync();
    }

    public void Dispose() => _http.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    [GeneratedRegex("<(?:link|script|img)\\b[^>]*?\\b(href|src)=\"([^\"]+)\"[^>]*>")]
    private static partial Regex Asset();

    [GeneratedRegex("url\\(\"?([^\")]+)\"?\\)")]
    private static partial Regex CssUrl();
}

/// <summary>Bytes of one first load, by kind, and whether each came compressed.</summary>
public sealed class FirstLoad
{
    public Dictionary<string, long> Bytes { get; } = new(StringComparer.Ordinal);

    public int Requests { get; private set; }

    public int Uncompressed { get; private set; }

    public long Total => Bytes.Values.Sum();

    public void Add(string kind, long bytes, ICollection<string> encodings)
    {
        Bytes[kind] = Bytes.GetValueOrDefault(kind) + bytes;
        Requests++;
        if (!encodings.Any(e => e is "gzip" or "br") && kind is not ("font" or "png" or "ico" or "woff2"))
        {
            Uncompressed++;
        }
    }
}
