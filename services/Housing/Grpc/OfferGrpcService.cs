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

/// <summary>
/// Offer → accepted or declined. An offer holds its vacancy; the hold is taken by one conditional
/// update, so of two offers racing for the last vacancy exactly one wins.
/// </summary>
[Authorize(Roles = HousingRoles.Readers)]
public sealed partial class OfferGrpcService(
    PersonAccessGuard<HousingDatabase> guard,
    OfferStore offers,
    VacancyStore vacancies,
    MatchSubjects subjects,
    PlacementIndexLoader units,
    PlacementMatcher matcher,
    OfferPolicy policy,
    TimeProvider clock) : OfferService.OfferServiceBase
{
    /// <summary>The offer decides the vacancy itself, so the vacancy rule is not asked.</summary>
    private static readonly string[] DecidedByTheOffer = ["vacancy"];

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Offer> MakeOffer(MakeOfferRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var hold = Instants.Read(request.HoldExpiresAt, "hold_expires_at") ?? now.AddHours(policy.DefaultHoldHours);
        new Validator().RequiredId(request.PersonId, "person_id").RequiredId(request.VacancyId, "vacancy_id")
            .Check(hold > now, "hold_expires_at", "is in the past")
            .Check(hold <= now.AddDays(policy.MaxHoldDays), "hold_expires_at", $"must be within {policy.MaxHoldDays} days")
            .ThrowIfInvalid();
        var agency = Caller.From(context).Agency;
        var offer = await guard.RunAsync(context, request.PersonId, "housing.offer.make", async (db, tx) =>
        {
            var vacancy = await vacancies.GetAsync(db, tx, request.VacancyId);
            if (vacancy.Status != VacancyStatuses.Open)
            {
                throw new PreconditionFailedException($"The vacancy is {vacancy.Status}: there is nothing to offer.");
            }
            var unit = await units.ReadUnitAsync(db, tx, vacancy.UnitId);
            var needs = await subjects.LoadAsync(db, tx, request.PersonId, now);
            var failures = matcher.Failures(needs.Subject, unit, DecidedByTheOffer);
            if (failures.Count > 0)
            {
                throw new PreconditionFailedException("The placement does not fit her: " + string.Join("; ", failures.Select(f => $"{f.Rule}: {f.Reason}")));
            }
            var row = new OfferRow
            {
                OfferId = Guid.NewGuid().ToString(), PersonId = request.PersonId, VacancyId = vacancy.VacancyId, UnitId = unit.UnitId,
                SchemeId = unit.SchemeId, ProviderId = unit.ProviderId, Agency = agency, MadeAt = now, HoldExpiresAt = hold, Version = 1,
            };
            await HoldAsync(db, tx, vacancy, row, now);
            await offers.InsertAsync(db, tx, row);
            var place = await PlaceNames.OfUnitAsync(db, tx, row.UnitId);
            await Outbox.EnqueueAsync(db, tx, new OfferMade
            {
                UnitName = place.Unit, SchemeName = place.Scheme,
                OfferId = row.OfferId, PersonId = row.PersonId, VacancyId = row.VacancyId, UnitId = row.UnitId, SchemeId = row.SchemeId,
                Agency = agency, HoldExpiresAt = hold, OccurredAt = now,
            });
            return row;
        });
        await units.ReloadUnitsAsync(offer.UnitId);
        return HousingViews.Offer(offer, now);
    }

    public override Task<ListOffersResponse> ListOffers(ListOffersRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "housing.offer.list", async (db, tx) =>
        {
            var now = clock.GetUtcNow();
            var response = new ListOffersResponse();
            response.Offers.AddRange((await offers.ForPersonAsync(db, tx, request.PersonId)).Select(o => HousingViews.Offer(o, now)));
            return response;
        });
    }

    /// <summary>Takes the hold; a hold that has run out passes to the new offer and its old offer expires.</summary>
    private async Task HoldAsync(DbConnection db, DbTransaction tx, VacancyRow vacancy, OfferRow offer, DateTimeOffset now)
    {
        if (!await vacancies.TryHoldAsync(db, tx, vacancy.VacancyId, offer.OfferId, offer.HoldExpiresAt, now))
        {
            throw new PreconditionFailedException("The vacancy is held by another offer, or is no longer available; it cannot be offered now.");
        }
        if (vacancy.HeldByOfferId is { } previous)
        {
            await offers.CloseOpenAsync(db, tx, previous, OfferStatuses.Expired, now);
        }
    }

    private Func<DbConnection, DbTransaction, Task<string>> PersonOfOffer(string offerId) =>
        async (db, tx) => (await offers.GetAsync(db, tx, offerId)).PersonId;
}
