using Platform.Testing;

namespace Platform.Engagement.Tests.SqlServer;

/// <summary>The SQL Server tests of this assembly share one container.</summary>
[CollectionDefinition(Name)]
public sealed class SqlServerCollection : ICollectionFixture<SqlServerContainer>
{
    public const string Name = "SQL Server";
}
