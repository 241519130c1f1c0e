using Platform.BuildingBlocks.Data;

namespace Platform.Registry;

/// <summary>The registry's own database; no other service reads it.</summary>
public sealed class RegistryDatabase(DatabaseConnection connection) : ServiceDatabase(connection);
