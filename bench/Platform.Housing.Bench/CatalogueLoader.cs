using Dapper;
using Platform.Housing.Data;

namespace Platform.Housing.Bench;

/// <summary>The bench's catalogue, written through the service's own statements.</summary>
internal static class CatalogueLoader
{
    /// <summary>Writes the catalogue through the service's own statements, in one transaction.</summary>
    public static async Task<(int Units, int Vacancies)> LoadAsync(HousingDatabase database, CatalogueGenerator generator)
    {
        var (units, vacancies) = (0, 0);
        await database.InTransactionAsync(async (db, tx) =>
        {
            foreach (var (provider, schemes) in generator.Providers())
            {
                await db.ExecuteAsync(CatalogueStore.InsertProvider, provider, tx);
                foreach (var (scheme, rows) in schemes)
                {
                    await db.ExecuteAsync(CatalogueStore.InsertScheme, scheme, tx);
                    await db.ExecuteAsync(CatalogueStore.InsertUnit, rows.Select(r => r.Unit), tx);
                    var open = rows.Where(r => r.Vacancy is not null).Select(r => r.Vacancy!).ToList();
                    await db.ExecuteAsync(VacancyStore.Insert, open, tx);
                    await db.ExecuteAsync(
                        "UPDATE vacancies SET held_by_offer_id = @HeldByOfferId, hold_expires_at = @HoldExpiresAt WHERE vacancy_id = @VacancyId",
                        open.Where(v => v.HeldByOfferId is not null), tx);
                    units += rows.Count;
                    vacancies += open.Count;
                }
            }
        });
        return (units, vacancies);
    }
}
