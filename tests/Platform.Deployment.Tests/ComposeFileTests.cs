using System.Text;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace Platform.Deployment.Tests;

public sealed partial class ComposeFileTests
{
    private static readonly ComposeFile Compose = ComposeFile.Instance;

    [Fact]
    public void Compose_file_parses_and_defines_the_infrastructure_the_services_and_the_gateway()
    {
        Assert.Contains("sqlserver", Compose.Services.Keys);
        Assert.Contains("rabbitmq", Compose.Services.Keys);
        Assert.Contains("registry", Compose.Services.Keys);
        Assert.Contains(ComposeFile.Gateway, Compose.Services.Keys);
        Assert.Equal("mcr.microsoft.com/mssql/server:2022-latest", Compose.Services["sqlserver"].Scalar("image"));
        Assert.Equal("rabbitmq:3.13-management", Compose.Services["rabbitmq"].Scalar("image"));
    }

    [Fact]
    public void Every_built_service_names_a_csproj_in_the_repository_and_its_assembly()
    {
        Assert.NotEmpty(Compose.DotnetServices);
        foreach (var (name, service) in Compose.DotnetServices)
        {
            var build = service["build"].AsMap($"{name}.build");
            Assert.Equal(".", build.Scalar("context"));
            Assert.Equal("Dockerfile", build.Scalar("dockerfile"));

            var args = build.MapOrEmpty("args");
            var project = args.Scalar("PROJECT");
            Assert.False(string.IsNullOrWhiteSpace(project), $"{name}: build arg PROJECT is not set.");
            Assert.EndsWith(".csproj", project, StringComparison.Ordinal);
            var projectPath = RepositoryRoot.File(project.Split('/'));
            Assert.True(File.Exists(projectPath), $"{name}: build arg PROJECT names {project}, which is not in the repository.");

            var assemblyName = XDocument.Load(projectPath).Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault()
                ?? Path.GetFileNameWithoutExtension(projectPath);
            Assert.Equal(assemblyName, args.Scalar("ASSEMBLY"));
        }
    }

    [Fact]
    public void The_gateway_is_the_only_service_publishing_host_ports()
    {
        foreach (var (name, service) in Compose.Services.Where(s => s.Key != ComposeFile.Gateway))
        {
            Assert.False(service.ContainsKey("ports"), $"{name} publishes host ports; only the gateway may.");
        }

        var ports = Compose.Services[ComposeFile.Gateway]["ports"].AsList("gateway.ports").Cast<string>().ToList();
        Assert.Equal(["5100:8080", "5180:8081"], ports);
    }

    [Fact]
    public void Every_backend_service_waits_for_sqlserver_and_rabbitmq_to_be_healthy()
    {
        Assert.NotEmpty(Compose.BackendServices);
        foreach (var (name, service) in Compose.BackendServices)
        {
            var dependsOn = service.MapOrEmpty("depends_on");
            foreach (var infrastructure in new[] { "sqlserver", "rabbitmq" })
            {
                Assert.True(dependsOn.ContainsKey(infrastructure), $"{name} does not depend on {infrastructure}.");
                Assert.Equal("service_healthy", dependsOn.MapOrEmpty(infrastructure).Scalar("condition"));
            }
        }
    }

    [Fact]
    public void Sqlserver_and_rabbitmq_have_healthchecks_the_services_can_wait_on()
    {
        var sqlTest = string.Join(' ', Compose.Services["sqlserver"].MapOrEmpty("healthcheck")["test"].AsList("sqlserver test").Cast<string>());
        Assert.Contains("/opt/mssql-tools18/bin/sqlcmd -C", sqlTest, StringComparison.Ordinal);

        var rabbitTest = Compose.Services["rabbitmq"].MapOrEmpty("healthcheck")["test"].AsList("rabbitmq test").Cast<string>();
        Assert.Equal(["CMD", "rabbitmq-diagnostics", "-q", "ping"], rabbitTest);

        Assert.Equal("Y", Compose.Services["sqlserver"].MapOrEmpty("environment").Scalar("ACCEPT_EULA"));
    }

    [Fact]
    public void Every_dotnet_service_serves_grpc_over_http2_on_8080_and_http1_on_8081()
    {
        foreach (var (name, service) in Compose.DotnetServices)
        {
            var environment = ComposeFile.Environment(service);
            Assert.True(environment.Scalar("Kestrel__Endpoints__Grpc__Protocols") == "Http2", $"{name}: the Grpc endpoint is not HTTP/2 only.");
            Assert.Equal("http://+:8080", environment.Scalar("Kestrel__Endpoints__Grpc__Url"));
            Assert.Equal("Http1", environment.Scalar("Kestrel__Endpoints__Http__Protocols"));
            Assert.Equal("http://+:8081", environment.Scalar("Kestrel__Endpoints__Http__Url"));
        }
    }

    [Fact]
    public void Every_backend_service_uses_its_own_sql_server_database_and_the_rabbitmq_broker()
    {
        var databases = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var created = (ComposeFile.Environment(Compose.Services["sqlserver-init"]).Scalar("PLATFORM_DATABASES") ?? "")
            .Split(' ', StringSplitOptions.RemoveEmptyEntries);

        foreach (var (name, service) in Compose.BackendServices)
        {
            var environment = ComposeFile.Environment(service);
            Assert.Equal("SqlServer", environment.Scalar("Database__Provider"));
            Assert.Equal("RabbitMq", environment.Scalar("Messaging__Transport"));
            Assert.Equal("rabbitmq", environment.Scalar("Messaging__RabbitMq__Host"));
            Assert.Equal("5672", environment.Scalar("Messaging__RabbitMq__Port"));

            var connectionStrings = environment.Where(e => e.Key.StartsWith("ConnectionStrings__", StringComparison.Ordinal)).ToList();
            var connectionString = Assert.Single(connectionStrings).Value as string;
            Assert.NotNull(connectionString);
            Assert.StartsWith("Server=sqlserver;", connectionString, StringComparison.Ordinal);
            var database = DatabaseName().Match(connectionString).Groups["db"].Value;
            Assert.True(databases.Add(database), $"{name} shares database '{database}' with another service.");
            Assert.Contains(database, created);
        }
    }

    [Fact]
    public void The_gateway_routes_to_compose_services_on_their_grpc_port_once_they_are_healthy()
    {
        var gateway = Compose.Services[ComposeFile.Gateway];
        var destinations = ComposeFile.Environment(gateway)
            .Where(e => e.Key.StartsWith("ReverseProxy__Clusters__", StringComparison.Ordinal) && e.Key.EndsWith("__Address", StringComparison.Ordinal))
            .Select(e => new Uri((string)e.Value!))
            .ToList();
        Assert.NotEmpty(destinations);

        var dependsOn = gateway.MapOrEmpty("depends_on");
        foreach (var destination in destinations)
        {
            Assert.Equal("http", destination.Scheme);
            Assert.Equal(8080, destination.Port);
            Assert.Contains(destination.Host, Compose.GatewayDestinations.Select(s => s.Key));
            Assert.Equal("service_healthy", dependsOn.MapOrEmpty(destination.Host).Scalar("condition"));
        }

        // Every backend service (and the web app) is reachable through the gateway, since none publishes a port.
        Assert.Equal(
            Compose.GatewayDestinations.Select(s => s.Key).Order(StringComparer.Ordinal),
            destinations.Select(d => d.Host).Distinct().Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_dotnet_service_shares_one_development_signing_key_that_compose_requires_and_nobody_committed()
    {
        var keys = Compose.DotnetServices
            .Select(s => ComposeFile.Environment(s.Value))
            .Select(environment =>
            {
                Assert.Equal("Development", environment.Scalar("ASPNETCORE_ENVIRONMENT"));
                Assert.Equal("platform", environment.Scalar("Auth__Audience"));
                Assert.False(environment.ContainsKey("Auth__Authority"), "compose uses the development signing key, not an issuer.");
                return environment.Scalar("Auth__SigningKey");
            })
            .Distinct()
            .ToList();

        var key = Assert.Single(keys);
        Assert.NotNull(key);
        // ${AUTH_SIGNING_KEY:?message}: compose stops with the message when the variable is unset or empty.
        Assert.True(RequiredVariable().IsMatch(key), $"Auth__SigningKey '{key}' is not a required ${{VAR:?message}} with no default.");
        Assert.DoesNotContain(":-", key, StringComparison.Ordinal);
    }

    [Fact]
    public void The_sa_password_has_one_default_that_meets_sql_server_complexity_rules()
    {
        var text = File.ReadAllText(RepositoryRoot.File("docker-compose.yml"));
        var defaults = SaPasswordDefault().Matches(text).Select(m => m.Groups["default"].Value).Distinct().ToList();

        // The server, its init job and every connection string.
        Assert.True(SaPasswordDefault().Count(text) >= 3);
        var password = Assert.Single(defaults);
        Assert.True(password.Length >= 8);
        var categories = new[] { password.Any(char.IsUpper), password.Any(char.IsLower), password.Any(char.IsDigit), password.Any(c => !char.IsLetterOrDigit(c)) };
        Assert.True(categories.Count(c => c) >= 3, "The SA password needs three of: upper case, lower case, digit, symbol.");
        Assert.DoesNotContain(';', password);
        Assert.DoesNotContain('$', password);
    }

    [GeneratedRegex(@"Database=(?<db>[^;]+)")]
    private static partial Regex DatabaseName();

    [GeneratedRegex(@"^\$\{AUTH_SIGNING_KEY:\?[^}]+\}$")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"\$\{MSSQL_SA_PASSWORD:-(?<default>[^}]*)\}")]
    private static partial Regex SaPasswordDefault();
}
