namespace Platform.BuildingBlocks.Data;

/// <summary>
/// Where one service's database lives and which dialect it speaks. <paramref name="SqliteSynchronous"/>
/// is SQLite's <c>synchronous</c> setting: FULL (the default: a commit is on disk before it is
/// acknowledged) or NORMAL (a power cut may lose the last commits; a crash of the process loses none).
/// </summary>
public sealed record DatabaseConnection(string Service, SqlDialect Dialect, string ConnectionString, string SqliteSynchronous = "FULL");
