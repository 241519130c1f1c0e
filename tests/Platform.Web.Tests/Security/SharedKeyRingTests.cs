using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Platform.Web.Security;

namespace Platform.Web.Tests.Security;

/// <summary>
/// Two replicas of the web app, in process, as the gateway would spread one person's requests over
/// them: the sign-in form from one, posted to the other, and the session cookie that answers it
/// shown to the first again.
/// </summary>
public sealed partial class SharedKeyRingTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-web-keys", Guid.NewGuid().ToString("N"));

    [Fact]
    public async Task Replicas_sharing_a_key_ring_accept_each_others_anti_forgery_tokens_and_session_cookies()
    {
        var keys = Path.Combine(_root, "shared");
        await using var first = await WebReplica.StartAsync(keys);
        await using var second = await WebReplica.StartAsync(keys);

        var (antiforgeryCookie, formToken) = await first.SignInFormAsync();
        var signIn = await second.PostSignInAsync(antiforgeryCookie, formToken);
        Assert.Equal(HttpStatusCode.Redirect, signIn.StatusCode);
        var session = SessionCookie(signIn);

        var home = await first.GetAsync("/", session);
        Assert.Contains("Sign out", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.NotEmpty(Directory.GetFiles(keys, "key-*.xml"));
    }

    [Fact]
    public async Task Replicas_with_different_key_rings_refuse_each_others_anti_forgery_tokens_and_session_cookies()
    {
        await using var first = await WebReplica.StartAsync(Path.Combine(_root, "first"));
        await using var second = await WebReplica.StartAsync(Path.Combine(_root, "second"));

        var (antiforgeryCookie, formToken) = await first.SignInFormAsync();
        var refused = await second.PostSignInAsync(antiforgeryCookie, formToken);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);

        // A session issued by the second replica is no session at the first.
        var (ownCookie, ownToken) = await second.SignInFormAsync();
        var session = SessionCookie(await second.PostSignInAsync(ownCookie, ownToken));
        var home = await first.GetAsync("/", session);
        Assert.DoesNotContain("Sign out", await home.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public void Outside_development_a_shared_key_ring_without_a_certificate_is_refused()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Web:DataProtection:KeysDirectory"] = Path.Combine(_root, "shared") })
            .Build();
        var environment = new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = Environments.Production };

        var refused = Assert.Throws<InvalidOperationException>(() => new ServiceCollection().AddWebDataProtection(configuration, environment));
        Assert.Contains("Web:DataProtection:CertificatePath", refused.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    private static string SessionCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0]).Single(c => c.StartsWith("platform-web=", StringComparison.Ordinal));

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex FormToken();

    /// <summary>The web app as its own process wires it, over TestServer, with its key ring in <c>keys</c>.</summary>
    private sealed class WebReplica : IAsyncDisposable
    {
        private readonly WebApplication _app;
        private readonly HttpClient _client;

        private WebReplica(WebApplication app)
        {
            _app = app;
            _client = app.GetTestServer().CreateClient();
        }

        public static async Task<WebReplica> StartAsync(string keys)
        {
            var builder = WebApplication.CreateBuilder(new WebApplicationOptions
            {
                EnvironmentName = Environments.Development, ApplicationName = typeof(WebApp).Assembly.GetName().Name,
            });
            builder.WebHost.UseTestServer();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?> { ["Web:DataProtection:KeysDirectory"] = keys });
            builder.Services.AddAuthentication(WebAuthentication.CookieScheme);
            builder.AddPlatformWeb();
            var app = builder.Build();
            app.UseAuthentication();
            app.UseAuthorization();
            app.MapPlatformWeb();
            await app.StartAsync();
            return new WebReplica(app);
        }

        public async Task<(string Cookie, string FormToken)> SignInFormAsync()
        {
            var response = await _client.GetAsync(new Uri("/sign-in", UriKind.Relative));
            response.EnsureSuccessStatusCode();
            var cookie = response.Headers.GetValues("Set-Cookie").Select(c => c.Split(';')[0])
                .Single(c => c.StartsWith("platform-web-antiforgery=", StringComparison.Ordinal));
            var token = WebUtility.HtmlDecode(FormToken().Match(await response.Content.ReadAsStringAsync()).Groups[1].Value);
            Assert.NotEmpty(token);
            return (cookie, token);
        }

        public async Task<HttpResponseMessage> PostSignInAsync(string antiforgeryCookie, string formToken)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/sign-in/development")
            {
                Content = new FormUrlEncodedContent(new Dictionary<string, string>
                {
                    ["__RequestVerificationToken"] = formToken, ["role"] = "support_worker", ["agency"] = "outreach-bristol",
                    ["area"] = "E06000023", ["returnUrl"] = "/",
                }),
            };
            request.Headers.Add("Cookie", antiforgeryCookie);
            return await _client.SendAsync(request);
        }

        public async Task<HttpResponseMessage> GetAsync(string path, string cookie)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, path);
            request.Headers.Add("Cookie", cookie);
            return await _client.SendAsync(request);
        }

        public async ValueTask DisposeAsync()
        {
            _client.Dispose();
            await _app.DisposeAsync();
        }
    }
}
