using System.Data;
using System.Data.Common;
using System.Diagnostics.CodeAnalysis;
using Microsoft.Data.Sqlite;

namespace Platform.BuildingBlocks.Data;

/// <summary>
/// A command of a <see cref="PooledSqliteConnection"/>: it collects its text and parameters as any
/// command does, and runs them on the connection's compiled statement for that text, which it hands
/// back when disposed. SQLite compiles a statement once per connection instead of once per call.
/// </summary>
internal sealed class CachedStatementCommand(PooledSqliteConnection connection, SqliteTransaction? transaction) : DbCommand
{
    // Holds the parameters until the statement is known: a caller may change the text after adding them.
    private readonly SqliteCommand _parameters = new();
    private SqliteCommand? _statement;

    [AllowNull]
    public override string CommandText { get; set; } = "";

    public override int CommandTimeout { get; set; } = connection.DefaultTimeout;

    public override CommandType CommandType
    {
        get => CommandType.Text;
        set
        {
            if (value != CommandType.Text)
            {
                throw new ArgumentException("SQLite runs text commands only.", nameof(value));
            }
        }
    }

    public override bool DesignTimeVisible { get; set; }

    public override UpdateRowSource UpdatedRowSource { get; set; }

    protected override DbConnection? DbConnection
    {
        get => connection;
        set
        {
            if (!ReferenceEquals(value, connection))
            {
                throw new NotSupportedException("A cached statement stays with the connection that compiled it.");
            }
        }
    }

    protected override DbParameterCollection DbParameterCollection => _parameters.Parameters;

    protected override DbTransaction? DbTransaction { get; set; } = transaction;

    public override void Cancel() => _statement?.Cancel();

    public override int ExecuteNonQuery() => Statement().ExecuteNonQuery();

    public override object? ExecuteScalar() => Statement().ExecuteScalar();

    /// <summary>Compilation happens on first use; nothing to do ahead of it.</summary>
    public override void Prepare()
    {
    }

    protected override DbParameter CreateDbParameter() => new SqliteParameter();

    protected override DbDataReader ExecuteDbDataReader(CommandBehavior behavior) => Statement().ExecuteReader(behavior);

    /// <summary>The connection's statement for the text, bound to this command's parameters and transaction.</summary>
    private SqliteCommand Statement()
    {
        if (_statement is not null && _statement.CommandText != CommandText)
        {
            connection.ReturnStatement(_statement);
            _statement = null;
        }
        _statement ??= connection.RentStatement(CommandText);
        _statement.Transaction = (SqliteTransaction?)Transaction;
        _statement.CommandTimeout = CommandTimeout;
        _statement.Parameters.Clear();
        foreach (SqliteParameter parameter in _parameters.Parameters)
        {
            _statement.Parameters.Add(parameter);
        }
        return _statement;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing && _statement is not null)
        {
            connection.ReturnStatement(_statement);
            _statement = null;
        }
        _parameters.Dispose();
        base.Dispose(disposing);
    }
}
