using System.Text;
using Platform.Load;
using Platform.Load.Echo;

// Started by the suite itself as the reference service.
if (Environment.GetEnvironmentVariable(EchoServer.Variable) is not null)
{
    await EchoServer.RunAsync(args);
    return;
}

var options = LoadOptions.Parse(args);
var report = new StringBuilder($"Machine: {Report.Machine()}; load average at start {Report.LoadAverage()}; {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC.\nOptions: {options}\n\n");
for (var run = 1; run <= options.Runs; run++)
{
    Console.Error.WriteLine($"Run {run}: starting the platform…");
    await using var stack = await Stack.StartAsync(options);
    var rows = await new Rows(stack, options, seed: run).MeasureAsync();
    var table = Report.Table(run, rows);
    Console.Error.WriteLine(table);
    report.Append(table).Append('\n');
}
if (options.StandalonePeople > 0)
{
    Console.Error.WriteLine($"Standalone host: registering {options.StandalonePeople:N0} people…");
    var table = Report.Table("standalone", [await new StandaloneRow(options).MeasureAsync()]);
    Console.Error.WriteLine(table);
    report.Append(table).Append('\n');
}
report.Append($"Load average at the end: {Report.LoadAverage()}.\n");
Console.WriteLine(report);
if (options.Out is { } file)
{
    await File.WriteAllTextAsync(file, report.ToString());
}
