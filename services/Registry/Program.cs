using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Registry;

// The registry on its own, as one process of the distributed platform.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("registry");
builder.AddRegistry();
builder.AddEventBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapRegistry();
app.Run();
