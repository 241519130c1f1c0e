using System.Data.Common;
using System.Text.Json;
using Platform.BuildingBlocks.Errors;
using Platform.Housing.Domain;

namespace Platform.Housing.Data;

/// <summary>
/// When her circumstances change (a new risk level, a new needs profile), every open offer is
/// checked again and marked with the rules it no longer meets, so the officer sees it before move-in.
/// </summary>
public sealed class OpenOfferRecheck(OfferStore offers, MatchSubjects subjects, PlacementIndexLoader units, PlacementMatcher matcher)
{
    /// <summary>Rules that concern the offer itself, not whether the placement fits her.</summary>
    private static readonly string[] NotAboutFit = ["vacancy", "recently-declined"];

    /// <returns>The ids of the open offers that no longer fit.</returns>
    public async Task<IReadOnlyList<string>> RecheckAsync(DbConnection db, DbTransaction tx, string personId, DateTimeOffset now)
    {
        var open = await offers.OpenForPersonAsync(db, tx, personId, now);
        if (open.Count == 0)
        {
            return [];
        }
        PersonNeeds needs;
        try
        {
            needs = await subjects.LoadAsync(db, tx, personId, now);
        }
        catch (NotFoundException)
        {
            return [];
        }
        var noLongerFit = new List<string>();
        foreach (var offer in open)
        {
            var unit = await units.ReadUnitAsync(db, tx, offer.UnitId);
            var failures = matcher.Failures(needs.Subject, unit, NotAboutFit);
            var json = failures.Count == 0 ? null : JsonSerializer.Serialize(failures.Select(f => $"{f.Rule}: {f.Reason}"));
            if (json != offer.NoLongerFitsJson)
            {
                await offers.SetNoLongerFitsAsync(db, tx, offer.OfferId, json);
            }
            if (json is not null)
            {
                noLongerFit.Add(offer.OfferId);
            }
        }
        return noLongerFit;
    }
}
