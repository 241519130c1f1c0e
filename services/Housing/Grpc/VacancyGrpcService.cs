using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.Grpc;

/// <summary>Vacancies: one live vacancy per unit, opened and closed by housing officers.</summary>
[Authorize(Roles = HousingRoles.Readers)]
public sealed class VacancyGrpcService(
    HousingDatabase database, CatalogueStore catalogue, VacancyStore vacancies, OfferStore offers, PlacementIndexLoader index, TimeProvider clock)
    : VacancyService.VacancyServiceBase
{
    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Vacancy> OpenVacancy(OpenVacancyRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var from = Instants.Read(request.AvailableFrom, "available_from") ?? now;
        var until = Instants.Read(request.AvailableUntil, "available_until");
        new Validator().RequiredId(request.UnitId, "unit_id")
            .Check(until is null || until > from, "available_until", "must be after available_from")
            .Check(until is null || until > now, "available_until", "is in the past")
            .Check(from <= now.AddYears(2), "available_from", "is more than two years ahead: open the vacancy nearer the time")
            .ThrowIfInvalid();
        var row = new VacancyRow
        {
            VacancyId = Guid.NewGuid().ToString(), UnitId = request.UnitId, AvailableFrom = from, AvailableUntil = until, OpenedAt = now, Version = 1,
        };
        await database.InTransactionAsync(async (db, tx) =>
        {
            await catalogue.EnsureKeeperAsync(db, tx, CatalogueStore.Unit, request.UnitId, Caller.From(context));
            var unit = await catalogue.GetAsync(db, tx, CatalogueStore.Unit, request.UnitId);
            var scheme = await catalogue.GetAsync(db, tx, CatalogueStore.Scheme, unit.ParentId!);
            if (await vacancies.LiveForUnitAsync(db, tx, request.UnitId) is not null)
            {
                throw new PreconditionFailedException("The unit already has a vacancy open or promised; close it before opening another.");
            }
            await vacancies.InsertAsync(db, tx, row);
            await Outbox.EnqueueAsync(db, tx, new VacancyOpened
            {
                VacancyId = row.VacancyId, UnitId = unit.Id, SchemeId = scheme.Id, ProviderId = scheme.ParentId!,
                AvailableFrom = from, AvailableUntil = until, OccurredAt = now,
            });
        });
        await index.ReloadUnitsAsync(row.UnitId);
        return HousingViews.Vacancy(row, now);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Vacancy> CloseVacancy(CloseVacancyRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        new Validator().RequiredId(request.VacancyId, "vacancy_id").Version(request.ExpectedVersion)
            .Required(request.Reason, "reason", RequestValidation.NameLength).ThrowIfInvalid();
        var row = await database.InTransactionAsync(async (db, tx) =>
        {
            var vacancy = await vacancies.GetAsync(db, tx, request.VacancyId);
            await catalogue.EnsureKeeperAsync(db, tx, CatalogueStore.Unit, vacancy.UnitId, Caller.From(context));
            if (vacancy.Status == VacancyStatuses.Promised)
            {
                throw new PreconditionFailedException("The vacancy is promised to a person who accepted an offer; start her tenancy, or decline the offer with the reason she will not move in.");
            }
            if (vacancy.Status != VacancyStatuses.Open)
            {
                throw new PreconditionFailedException($"The vacancy is already closed ({vacancy.Status}).");
            }
            foreach (var offer in await offers.OpenForVacancyAsync(db, tx, vacancy.VacancyId))
            {
                await offers.WithdrawAsync(db, tx, offer, "vacancy-withdrawn", now);
            }
            await vacancies.CloseAsync(db, tx, vacancy, request.ExpectedVersion, VacancyStatuses.Withdrawn, request.Reason.Trim(), now);
            await Outbox.EnqueueAsync(db, tx, new VacancyClosed { VacancyId = vacancy.VacancyId, UnitId = vacancy.UnitId, Reason = "withdrawn", OccurredAt = now });
            return await vacancies.GetAsync(db, tx, vacancy.VacancyId);
        });
        await index.ReloadUnitsAsync(row.UnitId);
        return HousingViews.Vacancy(row, now);
    }

    public override async Task<Vacancy> GetVacancy(GetVacancyRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.VacancyId, "vacancy_id").ThrowIfInvalid();
        await using var db = await database.OpenAsync(context.CancellationToken);
        return HousingViews.Vacancy(await vacancies.GetAsync(db, null, request.VacancyId), clock.GetUtcNow());
    }
}
