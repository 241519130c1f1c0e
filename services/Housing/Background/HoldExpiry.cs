using Platform.BuildingBlocks.Messaging;
using Platform.Housing.Data;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.Background;

/// <summary>
/// Releases what time has ended: offers whose hold ran out (their vacancy is free again) and
/// vacancies past their last available date. Reads already treat both as ended; this makes it so.
/// </summary>
public sealed class HoldExpiry(HousingDatabase database, OfferStore offers, VacancyStore vacancies, PlacementIndexLoader index, TimeProvider clock)
{
    /// <returns>How many offers and vacancies it ended.</returns>
    public async Task<int> SweepAsync(CancellationToken cancellationToken = default)
    {
        var now = clock.GetUtcNow();
        var touched = await database.InTransactionAsync(async (db, tx) =>
        {
            var units = new List<string>();
            foreach (var offer in await offers.LapsedAsync(db, tx, now))
            {
                await offers.CloseOpenAsync(db, tx, offer.OfferId, OfferStatuses.Expired, now);
                await vacancies.ReleaseAsync(db, tx, offer.VacancyId, offer.OfferId);
                units.Add(offer.UnitId);
            }
            foreach (var vacancy in await vacancies.PastAvailabilityAsync(db, tx, now))
            {
                foreach (var offer in await offers.OpenForVacancyAsync(db, tx, vacancy.VacancyId))
                {
                    await offers.WithdrawAsync(db, tx, offer, "vacancy-expired", now);
                }
                await vacancies.CloseAsync(db, tx, vacancy, vacancy.Version, VacancyStatuses.Expired, "expired", now);
                await Outbox.EnqueueAsync(db, tx, new VacancyClosed
                {
                    VacancyId = vacancy.VacancyId, UnitId = vacancy.UnitId, Reason = "expired", OccurredAt = now,
                });
                units.Add(vacancy.UnitId);
            }
            return units;
        }, cancellationToken);
        if (touched.Count > 0)
        {
            await index.ReloadUnitsAsync([.. touched.Distinct(StringComparer.Ordinal)]);
        }
        return touched.Count;
    }
}
