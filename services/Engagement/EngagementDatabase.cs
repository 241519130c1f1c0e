using Platform.BuildingBlocks.Data;

namespace Platform.Engagement;

/// <summary>The engagement service's own database; no other service reads it.</summary>
public sealed class EngagementDatabase(DatabaseConnection connection) : ServiceDatabase(connection);
