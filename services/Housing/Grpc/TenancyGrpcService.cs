using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Messaging;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Housing;

namespace Platform.Housing.Grpc;

/// <summary>Move-in, how a tenancy ends, and how well schemes and providers sustain them.</summary>
[Authorize(Roles = HousingRoles.Readers)]
public sealed class TenancyGrpcService(
    HousingDatabase database, PersonAccessGuard<HousingDatabase> guard, TenancyStore tenancies, OfferStore offers, VacancyStore vacancies,
    PlacementIndexLoader units, OfferPolicy policy, TimeProvider clock) : TenancyService.TenancyServiceBase
{
    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Tenancy> StartTenancy(StartTenancyRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var started = Instants.Read(request.StartedAt, "started_at") ?? now;
        new Validator().RequiredId(request.OfferId, "offer_id").Version(request.ExpectedVersion)
            .Check(started <= now.AddMinutes(5), "started_at", "is in the future").ThrowIfInvalid();
        var agency = Caller.From(context).Agency;
        var tenancy = await guard.RunAsync(context, PersonOf(request.OfferId, (db, tx) => offers.GetAsync(db, tx, request.OfferId), o => o.PersonId),
            "housing.tenancy.start", async (access, db, tx) =>
            {
                var offer = await offers.GetAsync(db, tx, request.OfferId);
                access.RequireMayWriteFor(offer.Agency); // moving her in on another agency's offer: never on break-glass
                if (offer.Status != OfferStatuses.Accepted)
                {
                    throw new PreconditionFailedException($"The offer is {offer.Status.Replace('_', ' ')}; a tenancy starts from an accepted offer.");
                }
                if (started < offer.DecidedAt)
                {
                    throw new InvalidArgumentException("started_at", "is before the offer was accepted");
                }
                var row = new TenancyRow
                {
                    TenancyId = Guid.NewGuid().ToString(), OfferId = offer.OfferId, PersonId = offer.PersonId, UnitId = offer.UnitId,
                    SchemeId = offer.SchemeId, ProviderId = offer.ProviderId, Agency = agency, StartedAt = started, Version = 1,
                };
                await offers.DecideAsync(db, tx, offer, request.ExpectedVersion, OfferStatuses.TenancyStarted, now);
                var vacancy = await vacancies.GetAsync(db, tx, offer.VacancyId);
                await vacancies.CloseAsync(db, tx, vacancy, vacancy.Version, VacancyStatuses.Let, "let", now);
                await tenancies.InsertAsync(db, tx, row);
                await Outbox.EnqueueAsync(db, tx, new VacancyClosed { VacancyId = vacancy.VacancyId, UnitId = vacancy.UnitId, Reason = "let", OccurredAt = now });
                var place = await PlaceNames.OfUnitAsync(db, tx, row.UnitId);
                await Outbox.EnqueueAsync(db, tx, new TenancyStarted
                {
                    UnitName = place.Unit, SchemeName = place.Scheme,
                    TenancyId = row.TenancyId, PersonId = row.PersonId, UnitId = row.UnitId, SchemeId = row.SchemeId, ProviderId = row.ProviderId,
                    Agency = agency, StartedAt = started, OccurredAt = now,
                });
                return row;
            });
        await units.ReloadUnitsAsync(tenancy.UnitId);
        return HousingViews.Tenancy(tenancy);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override Task<Tenancy> EndTenancy(EndTenancyRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var ended = Instants.Read(request.EndedAt, "ended_at") ?? now;
        new Validator().RequiredId(request.TenancyId, "tenancy_id").Version(request.ExpectedVersion).KnownEnum(request.EndKind, "end_kind")
            .Required(request.Reason, "reason", RequestValidation.ReasonLength)
            .Check(ended <= now.AddMinutes(5), "ended_at", "is in the future").ThrowIfInvalid();
        var agency = Caller.From(context).Agency;
        return guard.RunAsync(context, PersonOf(request.TenancyId, (db, tx) => tenancies.GetAsync(db, tx, request.TenancyId), t => t.PersonId),
            "housing.tenancy.end", async (access, db, tx) =>
            {
                var row = await tenancies.GetAsync(db, tx, request.TenancyId);
                access.RequireMayWriteFor(row.Agency);
                if (row.EndedAt is not null)
                {
                    throw new PreconditionFailedException("The tenancy has already ended.");
                }
                if (ended < row.StartedAt)
                {
                    throw new InvalidArgumentException("ended_at", "is before the tenancy started");
                }
                row.EndedAt = ended;
                row.EndKind = TenancyEndKinds.Code(request.EndKind);
                row.EndReason = request.Reason.Trim();
                await tenancies.EndAsync(db, tx, row, request.ExpectedVersion);
                var place = await PlaceNames.OfUnitAsync(db, tx, row.UnitId);
                await Outbox.EnqueueAsync(db, tx, new TenancyEnded
                {
                    UnitName = place.Unit, SchemeName = place.Scheme,
                    TenancyId = row.TenancyId, PersonId = row.PersonId, UnitId = row.UnitId, SchemeId = row.SchemeId, ProviderId = row.ProviderId,
                    Agency = agency, EndKind = row.EndKind, Reason = row.EndReason, EndedAt = ended, OccurredAt = now,
                });
                return HousingViews.Tenancy(await tenancies.GetAsync(db, tx, row.TenancyId));
            });
    }

    public override Task<ListTenanciesResponse> ListTenancies(ListTenanciesRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "housing.tenancy.list", async (db, tx) =>
        {
            var response = new ListTenanciesResponse();
            response.Tenancies.AddRange((await tenancies.ForPersonAsync(db, tx, request.PersonId)).Select(HousingViews.Tenancy));
            return response;
        });
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<GetSustainmentResponse> GetSustainment(GetSustainmentRequest request, ServerCallContext context)
    {
        var providerId = string.IsNullOrEmpty(request.ProviderId) ? null : request.ProviderId;
        new Validator().Check(providerId is null || Guid.TryParse(providerId, out _), "provider_id", "must be an id returned by the platform").ThrowIfInvalid();
        var providerCodes = policy.DeclineReasons.Where(r => r.Value.Consequence == DeclineConsequence.ProviderRecord).Select(r => r.Key).ToList();
        await using var db = await database.OpenAsync(context.CancellationToken);
        var rows = await tenancies.SustainmentAsync(db, providerId);
        var declines = await tenancies.ProviderDeclinesAsync(db, providerId, providerCodes);
        return Sustainment.Figures(rows, declines);
    }

    private static Func<DbConnection, DbTransaction, Task<string>> PersonOf<T>(string id, Func<DbConnection, DbTransaction, Task<T>> read, Func<T, string> person) =>
        async (db, tx) => person(await read(db, tx));
}
