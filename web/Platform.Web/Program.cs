using Platform.Web;
using Platform.Web.Security;

// The web app as its own process (distributed: behind the gateway, calling the platform through it).
var builder = WebApplication.CreateBuilder(args);
builder.Services.AddAuthentication(WebAuthentication.CookieScheme);
builder.AddPlatformWeb();
builder.Services.AddHealthChecks();

var app = builder.Build();
app.UseForwardedHeaders(new ForwardedHeadersOptions { ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto });
app.UseAuthentication();
app.UseAuthorization();
app.MapHealthChecks("/alive").AllowAnonymous();
app.MapHealthChecks("/ready").AllowAnonymous();
app.MapPlatformWeb();
app.Run();

/// <summary>The entry point, named for tests.</summary>
public partial class Program;
