namespace Platform.BuildingBlocks.Data;

/// <summary>Where one service's database lives and which dialect it speaks.</summary>
public sealed record DatabaseConnection(string Service, SqlDialect Dialect, string ConnectionString);
