using Platform.BuildingBlocks.Data;

namespace Platform.Housing;

/// <summary>The housing service's own database; no other service reads it.</summary>
public sealed class HousingDatabase(DatabaseConnection connection) : ServiceDatabase(connection);
