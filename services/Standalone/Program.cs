using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Safeguarding;
using Platform.Web;

// Standalone: every service in one process, each with its own SQLite file, over the in-memory bus,
// and the web app for the people who use it.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("platform-standalone");
builder.AddRegistry();
builder.AddEngagement();
builder.AddHousing();
builder.AddSafeguarding();
// The platform's audit API over every service's own database.
builder.AddAuditTrail();
builder.AddEventBus();
// The web app on the HTTP/1 port, calling the platform's gRPC API on the gRPC port of this same process.
builder.AddPlatformWeb();

var app = builder.Build();
app.MapServiceDefaults();
app.MapRegistry();
app.MapEngagement();
app.MapHousing();
app.MapSafeguarding();
app.MapAuditTrail();
app.MapOutboxAdministration();
app.MapPlatformWeb();
app.Run();
