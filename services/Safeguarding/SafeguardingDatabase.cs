using Platform.BuildingBlocks.Data;

namespace Platform.Safeguarding;

/// <summary>The safeguarding service's own database; no other service reads it.</summary>
public sealed class SafeguardingDatabase(DatabaseConnection connection) : ServiceDatabase(connection);
