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

    /// <param name="address">Where she lives (<see cref="AddressKey.Of"/>); compared with the other records' open current addresses.</param>
    public async Task<IReadOnlyList<PotentialDuplicate>> FindAsync(
        DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, IReadOnlySet<string> excludeIds, Caller caller)
    {
        var found = await ScoreAsync(db, tx, details, address, excludeIds);
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

    private async Task<IReadOnlyList<PotentialDuplicate>> ScoreAsync(
        DbConnection db, DbTransaction tx, PersonDetails details, AddressKey? address, IReadOnlySet<string> excludeIds)
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

        var incoming = Facts(details, address);
        var rows = (await people.GetManyAsync(db, tx, ids)).Where(row => row.LinkedTo is null).ToList();
        var living = await addresses.OpenCurrentAsync(db, tx, rows.Select(row => row.PersonId).ToList());
        return rows
            .Select(row => (row, score: scorer.Score(incoming, Facts(row.Details(), living.GetValueOrDefault(row.PersonId)))))
            .Where(x => x.score.Score >= MinimumShown || x.score.IsLikelyDuplicate)
            .OrderByDescending(x => x.score.Score).ThenBy(x => x.row.PersonId, StringComparer.Ordinal)
            .Take(Returned)
            .Select(x =>
            {
                var candidate = new PotentialDuplicate { PersonId = x.row.PersonId, Score = Math.Round(x.score.Score, 3), Likely = x.score.IsLikelyDuplicate };
                candidate.Reasons.AddRange(x.score.Reasons);
                return candidate;
            })
            .ToList();
    }

    private static PersonFacts Facts(PersonDetails details, AddressKey? address) => new()
    {
        Address = address,
        Names = PersonNames.All(details.Names),
        DateOfBirth = DatesOfBirth.FromApi(details.DateOfBirth),
        NhsNumber = string.IsNullOrEmpty(details.NhsNumber) ? null : details.NhsNumber,
        Identifiers = details.Identifiers.Select(id => new Domain.Duplicates.AgencyIdentifier(id.Agency, id.Value)).ToList(),
    };
}
