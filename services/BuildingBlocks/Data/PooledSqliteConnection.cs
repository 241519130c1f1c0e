using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// A SQLite connection of a <see cref="SqlitePool"/> that keeps the statements it has compiled, by
/// their text. Dapper asks the connection for a new command for every query; the command it gets
/// (<see cref="CachedStatementCommand"/>) runs the statement this connection compiled for that text
/// before, if any. Disposing it, as every caller does with <c>await using</c>, gives it back to the
/// pool open, with its statements; the pool closes it when it has enough.
/// </summary>
internal sealed class PooledSqliteConnection : SqliteConnection
{
    /// <summary>
    /// A service has a few hundred distinct statements; one compiled statement holds a few kilobytes.
    /// Text built per call (an IN list of many sizes) would otherwise fill the cache without end.
    /// </summary>
    private const int MaximumStatements = 256;

    private readonly SqlitePool _pool;
    private readonly Dictionary<string, SqliteCommand> _statements = new(StringComparer.Ordinal);

    /// <summary>Out of the pool, and whether it counts against the pool's bound; returned once only.</summary>
    private (bool Out, bool Counted) _rental;

    public PooledSqliteConnection(string connectionString, SqlitePool pool) : base(connectionString) => _pool = pool;

    /// <summary>What Dapper (and any caller through <see cref="DbConnection"/>) gets: a command that reuses compiled statements.</summary>
    protected override DbCommand CreateDbCommand() => new CachedStatementCommand(this, Transaction);

    /// <summary>The compiled statement for <paramref name="text"/>, taken out until <see cref="ReturnStatement"/>; a new one if none is free.</summary>
    internal SqliteCommand RentStatement(string text)
    {
        if (_statements.Remove(text, out var statement))
        {
            return statement;
        }
        var command = CreateCommand();
        command.CommandText = text;
        return command;
    }

    internal void ReturnStatement(SqliteCommand statement)
    {
        statement.Parameters.Clear();
        statement.Transaction = null;
        if (State != System.Data.ConnectionState.Open
            || _statements.Count >= MaximumStatements
            || !_statements.TryAdd(statement.CommandText, statement))
        {
            statement.Dispose();
        }
    }

    /// <summary>
    /// True when the connection can serve another caller as it is: open, and with no transaction left
    /// behind (one is rolled back here; if even that fails, the connection is not fit to keep).
    /// </summary>
    internal bool ReadyForNextCaller()
    {
        if (State != System.Data.ConnectionState.Open)
        {
            return false;
        }
        try
        {
            Transaction?.Dispose();
            return Transaction is null;
        }
        catch (SqliteException)
        {
            return false;
        }
    }

    internal void Rented(bool counted) => _rental = (true, counted);

    protected override void Dispose(bool disposing)
    {
        if (disposing && _rental.Out)
        {
            var counted = _rental.Counted;
            _rental = default;
            if (_pool.Return(this, counted))
            {
                return;
            }
        }
        base.Dispose(disposing);
    }
}
