using System.Diagnostics;
using Microsoft.Data.Sqlite;
using Platform.Registry.Data;
using Platform.Registry.Domain.Names;

namespace Platform.Registry.Bench;

/// <summary>
/// Files under their date of birth the names of records that migration 007 marked in a database
/// generated before it: the rows <see cref="NameBirthKeyBackfill"/> writes (the same keys, from
/// <see cref="NameBirthKeys"/>), but sorted by key and inserted in one transaction, as the generator
/// writes a fresh population. The service's backfill files a batch of records per transaction in
/// person order, which at a million records takes most of an hour on the development machine.
/// </summary>
internal static class BirthKeyFiller
{
    public static (long Records, long Keys) File(string connectionString)
    {
        using var db = new SqliteConnection(connectionString);
        db.Open();
        Execute(db, "PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY;");
        var rows = new List<(string Key, int Born, string PersonId)>();
        long records = 0;
        using (var read = db.CreateCommand())
        {
            read.CommandText = "SELECT person_id, all_names, dob_year, dob_month, dob_day FROM persons WHERE birth_keys_pending = 1";
            using var reader = read.ExecuteReader();
            while (reader.Read())
            {
                var personId = reader.GetString(0);
                int? Part(int i) => reader.IsDBNull(i) ? null : reader.GetInt32(i);
                var born = NameBirthKeys.Born(Part(2), Part(3), Part(4));
                foreach (var nameKey in NameBirthKeys.ForNames(reader.GetString(1).Split('|', StringSplitOptions.RemoveEmptyEntries)))
                {
                    rows.Add((nameKey, born, personId));
                }
                records++;
            }
        }
        // The primary key's order (SQLite's BINARY collation is ordinal for these ASCII keys), so that
        // the inserts append to the tree rather than land all over it.
        rows.Sort((a, b) =>
        {
            var byKey = string.CompareOrdinal(a.Key, b.Key);
            return byKey != 0 ? byKey : a.Born != b.Born ? a.Born.CompareTo(b.Born) : string.CompareOrdinal(a.PersonId, b.PersonId);
        });
        using var tx = db.BeginTransaction();
        using var insert = db.CreateCommand();
        insert.Transaction = tx;
        insert.CommandText = PersonStore.InsertNameBirthKey;
        var key = insert.Parameters.Add(new SqliteParameter("@Key", null));
        var bornParameter = insert.Parameters.Add(new SqliteParameter("@Born", null));
        var person = insert.Parameters.Add(new SqliteParameter("@PersonId", null));
        insert.Prepare();
        foreach (var row in rows)
        {
            key.Value = row.Key;
            bornParameter.Value = row.Born;
            person.Value = row.PersonId;
            insert.ExecuteNonQuery();
        }
        using (var clear = db.CreateCommand())
        {
            clear.Transaction = tx;
            clear.CommandText = "UPDATE persons SET birth_keys_pending = 0 WHERE birth_keys_pending = 1";
            clear.ExecuteNonQuery();
        }
        tx.Commit();
        return (records, rows.Count);
    }

    private static void Execute(SqliteConnection db, string sql)
    {
        using var command = db.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
