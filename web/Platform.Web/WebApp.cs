using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Platform.BuildingBlocks.Security;
using Platform.Web.Components;
using Platform.Web.Demo;
using Platform.Web.PlatformApi;
using Platform.Web.Security;

namespace Platform.Web;

/// <summary>
/// The web app, added to a host: its own process (<c>Program.cs</c>, behind the gateway) or the
/// standalone platform's process, where it is served on the HTTP/1 port beside the JSON API.
/// </summary>
public static class WebApp
{
    public static WebApplicationBuilder AddPlatformWeb(this WebApplicationBuilder builder)
    {
        var options = WebOptions.From(builder.Configuration, builder.Environment);
        builder.Services.AddSingleton(options);
        // The platform's token settings: the standalone host has registered them already.
        builder.Services.TryAddSingleton(_ => AuthOptions.From(builder.Configuration, builder.Environment));
        var auth = AuthOptions.From(builder.Configuration, builder.Environment);
        builder.Services.AddHttpContextAccessor();
        builder.Services.AddRazorComponents();
        builder.Services.AddCascadingAuthenticationState();
        builder.Services.AddWebDataProtection(builder.Configuration, builder.Environment);
        builder.Services.AddWebAuthentication(options, auth, builder.Environment);
        builder.Services.AddAntiforgery(antiforgery =>
        {
            antiforgery.Cookie.Name = builder.Environment.IsDevelopment() ? "platform-web-antiforgery" : "__Host-platform-web-antiforgery";
            antiforgery.Cookie.SecurePolicy = builder.Environment.IsDevelopment()
                ? Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest : Microsoft.AspNetCore.Http.CookieSecurePolicy.Always;
        });
        builder.Services.AddPlatformClients(options);
        builder.Services.AddDemoData();
        return builder;
    }

    /// <summary>After the host's authentication and authorization middleware.</summary>
    public static WebApplication MapPlatformWeb(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<WebOptions>();
        app.UseWebSecurityHeaders();
        app.UseAntiforgery();
        app.MapStaticAssets();
        app.MapSignIn(options);
        app.MapDemoData(options);
        app.MapChronologyDownload();
        app.MapBoardFiguresDownload();
        app.MapRazorComponents<App>().RequireAuthorization(WebAuthentication.PagesPolicy);
        return app;
    }
}
