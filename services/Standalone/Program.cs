using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Safeguarding;

// Standalone: every service in one process, each with its own SQLite file, over the in-memory bus.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("platform-standalone");
builder.AddRegistry();
builder.AddEngagement();
builder.AddHousing();
builder.AddSafeguarding();
// The platform's audit API over every service's own database.
builder.AddAuditTrail();
builder.AddEventBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapRegistry();
app.MapEngagement();
app.MapHousing();
app.MapSafeguarding();
app.MapAuditTrail();
app.Run();
