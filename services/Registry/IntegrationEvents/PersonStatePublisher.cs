using System.Data.Common;
using Platform.BuildingBlocks.Messaging;
using Platform.IntegrationEvents;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Data;

namespace Platform.Registry.IntegrationEvents;

/// <summary>
/// Publishes, in the transaction of a change, the state of every record the change touched, each
/// with its next sequence: other services decide access from these snapshots (and housing its local
/// connection from the address timeline), keeping only the newest, so they reach the registry's
/// state whatever order the events arrive in.
/// </summary>
public sealed class PersonStatePublisher(PersonStateStore store, TimeProvider clock)
{
    /// <summary>After a change to involvements, shares or links of these records.</summary>
    public Task AccessChangedAsync(DbConnection db, DbTransaction tx, IEnumerable<string> personIds) =>
        PublishAsync(db, tx, personIds, addresses: false);

    /// <summary>After a change to the addresses of these records (or a new record): its areas and its timeline.</summary>
    public Task AddressesChangedAsync(DbConnection db, DbTransaction tx, IEnumerable<string> personIds) =>
        PublishAsync(db, tx, personIds, addresses: true);

    private async Task PublishAsync(DbConnection db, DbTransaction tx, IEnumerable<string> personIds, bool addresses)
    {
        var now = clock.GetUtcNow();
        var events = new List<IntegrationEvent>();
        foreach (var personId in personIds.Distinct(StringComparer.Ordinal))
        {
            var state = await store.NextAsync(db, tx, personId);
            events.Add(Access(state, now));
            if (addresses)
            {
                events.Add(Timeline(state, now));
            }
        }
        if (events.Count > 0)
        {
            await Outbox.EnqueueAsync(db, tx, events);
        }
    }

    internal static PersonAccessChanged Access(PersonState state, DateTimeOffset now) => new()
    {
        PersonId = state.PersonId, Sequence = state.Sequence, LinkedTo = state.LinkedTo, OccurredAt = now,
        Involvements = [.. state.Involvements.Select(i => new AgencyInvolvement { InvolvementId = i.InvolvementId, Agency = i.Agency, Since = i.Since, Until = i.Until })],
        Areas = [.. state.Addresses.Select(a => a.LocalAuthority).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)],
        // An agency shared with more than once may see the record until the latest of its shares lapses.
        Shares = [.. state.Shares.GroupBy(s => s.Agency, StringComparer.Ordinal).OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new AgencyShare { Agency = g.Key, Until = g.Any(s => s.Until is null) ? null : g.Max(s => s.Until) })],
    };

    internal static PersonAddressesChanged Timeline(PersonState state, DateTimeOffset now) => new()
    {
        PersonId = state.PersonId, Sequence = state.Sequence, OccurredAt = now,
        Addresses = [.. state.Addresses.Select(a => new AddressPeriod { LocalAuthority = a.LocalAuthority, From = a.ValidFrom, Until = a.ValidUntil })],
    };
}
