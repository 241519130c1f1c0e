using Platform.Gateway;

// The distributed platform's front door: one address for every service, gRPC and JSON.
var builder = WebApplication.CreateBuilder(args);
builder.AddGateway();

var app = builder.Build();
app.MapGateway();
app.Run();
