using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Safeguarding;

// Safeguarding on its own, as one process of the distributed platform.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("safeguarding");
builder.AddSafeguarding();
builder.AddEventBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapSafeguarding();
// Its audit trail, for the gateway's audit API (internal: the gateway does not route it).
app.MapAuditLog();
// Its outbox's parked events, for admins (routed by the gateway per service).
app.MapOutboxAdministration();
app.Run();
