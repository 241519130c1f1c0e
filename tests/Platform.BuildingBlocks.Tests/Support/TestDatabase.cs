using Platform.BuildingBlocks.Data;

namespace Platform.BuildingBlocks.Tests.Support;

/// <summary>A service database of no particular service, as each service derives its own.</summary>
public sealed class TestDatabase(DatabaseConnection connection) : ServiceDatabase(connection)
{
    /// <summary>As <see cref="DatabaseRegistration.AddServiceDatabase{TDatabase}"/> does for every service.</summary>
    static TestDatabase() => DapperTypeHandlers.Register();
}
