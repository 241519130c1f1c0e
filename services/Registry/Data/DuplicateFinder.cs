using System.Data.Common;
using Platform.BuildingBlocks.Security;
using Platform.Registry.Domain;
using Platform.Registry.Domain.Duplicates;
using Platform.Registry.Domain.Names;
using Platform.Registry.V1;

namespace Platform.Registry.Data;

/// <summary>
/// Finds records that may be the same person: candidates from the indexes (names filed under the date
/// of birth, or name keys when no date is known; NHS number; identifiers), each scored with the
/// duplicate rule and explained.
/// </summary>
/// <remarks>
/// With a date of birth, only people born on a compatible date whose names share keys with two of
/// the names' tokens (<see cref="NameBirthKeys"/>) are read: a name agreeing without the date scores
/// 0.3 at most and says little when thousands share it, and reading everyone who holds a common name
/// cost milliseconds of every registration.
/// </remarks>
public sealed class DuplicateFinder(PersonStore people, AddressStore addresses, CandidateQueries candidates, DuplicateScorer scorer,
    RegistryAccessFacts access)
{
    private const int CandidateLimit = 200;
    private const int Returned = 10;
    private const double MinimumShown = 0.3;

    /// <summary>
    /// Records changed between a search and its re-check that are scored one by one; beyond this many
    /// (a bulk load running beside it) the whole search runs again instead.
    /// </summary>
    internal const int RecheckLimit = 500;

    /// <param name="address">Where she lives (<see cref="AddressKey.Of"/>); compared with the other records' open current addresses.</param>
    public async Task<IReadOnlyList<PotentialDuplicate>> FindAsync(
        DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, IReadOnlySet<string> excludeIds, Caller caller)
    {
        var ids = await CandidateIdsAsync(db, tx, details, excludeIds);
        var rows = (await people.GetManyAsync(db, tx, ids)).Where(row => row.LinkedTo is null).ToList();
        return await ExplainAsync(db, tx, details, address, rows, caller);
    }

    /// <summary>
    /// The search for a registration, made as a read beside the database's writer: the candidates, and
    /// the point in the register it saw (<see cref="ChangedSince"/>) for <see cref="RecheckAsync"/>.
    /// </summary>
    public async Task<DuplicateSearch> SearchAsync(DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, Caller caller)
    {
        var found = await FindAsync(db, tx, details, address, NoExclusions, caller);
        return new DuplicateSearch(found, await ChangedSince.MarkAsync(db, tx));
    }

    /// <summary>
    /// Completes <paramref name="earlier"/> in the writing transaction, so that two registrations of one
    /// person at once cannot both pass: the records changed since it (registered, corrected, given an
    /// address, linked or unlinked) are scored again, each against the rule itself (they are few, so no
    /// key is needed to find them), and replace whatever the search said of them.
    /// </summary>
    public async Task<IReadOnlyList<PotentialDuplicate>> RecheckAsync(
        DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, DuplicateSearch earlier, Caller caller)
    {
        var changed = earlier.Mark is { } mark ? await ChangedSince.RowsAsync(db, tx, mark, RecheckLimit + 1) : null;
        if (changed is null || changed.Count > RecheckLimit)
        {
            return await FindAsync(db, tx, details, address, NoExclusions, caller);
        }
        if (changed.Count == 0)
        {
            return earlier.Found;
        }
        var changedIds = changed.Select(row => row.PersonId).ToHashSet(StringComparer.Ordinal);
        // A record linked into another since is no candidate of its own any more (its survivor is).
        var rescored = await ExplainAsync(db, tx, details, address, [.. changed.Where(row => row.LinkedTo is null)], caller);
        return Ranked(earlier.Found.Where(c => !changedIds.Contains(c.PersonId)).Concat(rescored));
    }

    private static readonly IReadOnlySet<string> NoExclusions = new HashSet<string>();

    private async Task<HashSet<string>> CandidateIdsAsync(DbConnection db, DbTransaction tx, PersonDetails details, IReadOnlySet<string> excludeIds)
    {
        var names = PersonNames.All(details.Names);
        var ids = new HashSet<string>(StringComparer.Ordinal);
        var tokenKeys = NameBirthKeys.ForTokens(names);
        if (DatesOfBirth.FromApi(details.DateOfBirth) is { } dob)
        {
            ids.UnionWith(await candidates.ByNameAndBirthAsync(db, tx, tokenKeys, dob, Math.Min(2, tokenKeys.Count), CandidateLimit));
        }
        else
        {
            ids.UnionWith(await candidates.ByAnyKeyAsync(db, tx, NameIndexKeys.ForNames(names), Math.Min(2, tokenKeys.Count), CandidateLimit));
        }
        if (details.NhsNumber.Length > 0 && await people.NhsOwnerAsync(db, tx, details.NhsNumber) is { } nhsOwner)
        {
            ids.Add(nhsOwner);
        }
        foreach (var identifier in details.Identifiers)
        {
            if (await people.IdentifierOwnerAsync(db, tx, identifier.Agency, identifier.Value) is { } owner)
            {
                ids.Add(owner);
            }
        }
        ids.ExceptWith(excludeIds);
        return ids;
    }

    /// <summary>Scores the records against the incoming details; those worth showing, explained as far as the caller may see them.</summary>
    private async Task<IReadOnlyList<PotentialDuplicate>> ExplainAsync(
        DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, IReadOnlyList<PersonRow> rows, Caller caller)
    {
        var incoming = Facts(details, address);
        var living = await addresses.OpenCurrentAsync(db, tx, rows.Select(row => row.PersonId).ToList());
        var found = Ranked(rows
            .Select(row => (row, score: scorer.Score(incoming, Facts(row.Details(), living.GetValueOrDefault(row.PersonId)))))
            .Where(x => x.score.Score >= MinimumShown || x.score.IsLikelyDuplicate)
            .Select(x =>
            {
                var candidate = new PotentialDuplicate { PersonId = x.row.PersonId, Score = Math.Round(x.score.Score, 3), Likely = x.score.IsLikelyDuplicate };
                candidate.Reasons.AddRange(x.score.Reasons);
                return candidate;
            }));
        var visible = await access.VisibleAsync(db, tx, caller, found.Select(c => c.PersonId).ToList());
        foreach (var candidate in found.Where(c => !visible.Contains(c.PersonId)))
        {
            // The reasons quote the other record's names and date of birth: not for a caller who may
            // not see it, or registering a made-up person would reveal who is on the register.
            candidate.Restricted = true;
            candidate.Reasons.Clear();
            candidate.Reasons.Add("a record held by agencies you do not work with matches; open it by break-glass or ask for it to be shared");
        }
        return found;
    }

    private static List<PotentialDuplicate> Ranked(IEnumerable<PotentialDuplicate> candidates) =>
        candidates.OrderByDescending(c => c.Score).ThenBy(c => c.PersonId, StringComparer.Ordinal).Take(Returned).ToList();

    private static PersonFacts Facts(PersonDetails details, AddressKey? address) => new()
    {
        Address = address,
        Names = PersonNames.All(details.Names),
        DateOfBirth = DatesOfBirth.FromApi(details.DateOfBirth),
        NhsNumber = string.IsNullOrEmpty(details.NhsNumber) ? null : details.NhsNumber,
        Identifiers = details.Identifiers.Select(id => new Domain.Duplicates.AgencyIdentifier(id.Agency, id.Value)).ToList(),
    };
}

/// <summary>A registration's duplicate search: what it found, and where in the register it looked (<see cref="ChangedSince"/>).</summary>
public sealed record DuplicateSearch(IReadOnlyList<PotentialDuplicate> Found, long? Mark);
