using System.Data.Common;
using Google.Protobuf.WellKnownTypes;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>
/// Builds the person as a caller may see it: the record that stays after links, with the address
/// history of every linked record, and confidential addresses redacted for agencies they do not name.
/// </summary>
public sealed class PersonViews(PersonGroupStore groups, LinkStore links, AddressStore addresses, TimeProvider clock)
{
    /// <summary>
    /// The person <paramref name="personId"/> resolves to, in two statements: the group of linked
    /// records with its active involvements, then the addresses of the group.
    /// </summary>
    public async Task<Person> ReadAsync(DbConnection db, DbTransaction tx, string personId, Caller caller)
    {
        var group = await groups.ReadAsync(db, tx, personId, clock.GetUtcNow());
        var history = await addresses.ForPersonsAsync(db, tx, group.Members);
        var survivor = group.Survivor;
        var person = new Person
        {
            PersonId = survivor.PersonId,
            Version = survivor.Version,
            Details = survivor.Details(),
            ActiveInvolvementCount = group.ActiveInvolvements,
            RegisteredAt = Timestamp.FromDateTimeOffset(survivor.RegisteredAt),
            RegisteredByAgency = survivor.RegisteredByAgency,
        };
        person.LinkedPersonIds.AddRange(group.Members.Skip(1));
        person.Addresses.AddRange(history.Select(address => ToProto(address, caller)));
        return person;
    }

    /// <summary>
    /// For each of the given records that stay after links, the local authority of the current address
    /// (over every linked record) as this caller may see it: empty when there is none, or when it is a
    /// confidential address the caller's agency is not named on. Two queries, however many people.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> CurrentAreasAsync(
        DbConnection db, DbTransaction? tx, IReadOnlyCollection<string> survivorIds, Caller caller)
    {
        var survivorOf = await links.SurvivorsOfGroupsAsync(db, tx, survivorIds);
        var history = await addresses.ForPersonsAsync(db, tx, survivorOf.Keys.ToList());
        var areas = survivorIds.ToDictionary(id => id, _ => "", StringComparer.Ordinal);
        foreach (var group in history.GroupBy(address => survivorOf[address.PersonId]))
        {
            if (AddressStore.CurrentOf(group) is { } current)
            {
                areas[group.Key] = ToProto(current, caller).LocalAuthority;
            }
        }
        return areas;
    }

    public static Address ToProto(AddressRow row, Caller caller)
    {
        var visibleTo = row.VisibleTo();
        var address = new Address
        {
            AddressId = row.AddressId,
            From = Timestamp.FromDateTimeOffset(row.ValidFrom),
            Until = PersonValidation.Optional(row.ValidUntil),
            Confidential = row.Confidential,
        };
        if (row.Confidential && !visibleTo.Contains(caller.Agency))
        {
            // Where someone fleeing abuse lives is known only to the agencies she named.
            address.Redacted = true;
            return address;
        }
        address.Lines.AddRange(row.Lines());
        address.Postcode = row.Postcode ?? "";
        address.LocalAuthority = row.LocalAuthority;
        address.VisibleToAgencies.AddRange(visibleTo);
        return address;
    }
}
