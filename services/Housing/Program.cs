using Platform.BuildingBlocks.Hosting;
using Platform.BuildingBlocks.Messaging;
using Platform.Housing;

// Housing matching on its own, as one process of the distributed platform.
var builder = WebApplication.CreateBuilder(args);
builder.AddServiceDefaults("housing");
builder.AddHousing();
builder.AddEventBus();

var app = builder.Build();
app.MapServiceDefaults();
app.MapHousing();
app.Run();
