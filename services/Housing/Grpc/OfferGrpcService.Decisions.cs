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

/// <summary>Her answer to an offer, and what each decline reason sets in motion.</summary>
public sealed partial class OfferGrpcService
{
    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Offer> AcceptOffer(AcceptOfferRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        new Validator().RequiredId(request.OfferId, "offer_id").Version(request.ExpectedVersion).ThrowIfInvalid();
        var (offer, released) = await guard.RunAsync(context, PersonOfOffer(request.OfferId), "housing.offer.accept", async (access, db, tx) =>
        {
            var offer = await offers.GetAsync(db, tx, request.OfferId);
            access.RequireMayWriteFor(offer.Agency); // her answer to another agency's offer: never on break-glass
            EnsureOpen(offer, now, "accepted");
            if (await offers.HasAcceptedAsync(db, tx, offer.PersonId))
            {
                throw new PreconditionFailedException("She has already accepted another offer; only one accepted offer at a time.");
            }
            await offers.DecideAsync(db, tx, offer, request.ExpectedVersion, OfferStatuses.Accepted, now);
            if (!await vacancies.TryPromiseAsync(db, tx, offer.VacancyId, offer.OfferId))
            {
                throw new PreconditionFailedException("The vacancy is no longer held for this offer.");
            }
            var released = new List<string> { offer.UnitId };
            foreach (var other in await offers.OpenForPersonAsync(db, tx, offer.PersonId, now))
            {
                await offers.WithdrawAsync(db, tx, other, "another-offer-accepted", now);
                await vacancies.ReleaseAsync(db, tx, other.VacancyId, other.OfferId);
                released.Add(other.UnitId);
            }
            var place = await PlaceNames.OfUnitAsync(db, tx, offer.UnitId);
            await Outbox.EnqueueAsync(db, tx, new OfferAccepted
            {
                UnitName = place.Unit, SchemeName = place.Scheme,
                OfferId = offer.OfferId, PersonId = offer.PersonId, VacancyId = offer.VacancyId, Agency = Caller.From(context).Agency, OccurredAt = now,
            });
            return (await offers.GetAsync(db, tx, offer.OfferId), released);
        });
        await units.ReloadUnitsAsync([.. released]);
        return HousingViews.Offer(offer, now);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Offer> DeclineOffer(DeclineOfferRequest request, ServerCallContext context)
    {
        var now = clock.GetUtcNow();
        var known = policy.DeclineReasons.TryGetValue(request.ReasonCode ?? "", out var reason);
        new Validator().RequiredId(request.OfferId, "offer_id").Version(request.ExpectedVersion)
            .Check(known, "reason_code", $"must be one of: {string.Join(", ", policy.DeclineReasons.Keys.Order(StringComparer.Ordinal))}")
            .MaxLength(request.Note, "note", RequestValidation.ReasonLength).ThrowIfInvalid();
        var agency = Caller.From(context).Agency;
        var offer = await guard.RunAsync(context, PersonOfOffer(request.OfferId), "housing.offer.decline", async (access, db, tx) =>
        {
            var offer = await offers.GetAsync(db, tx, request.OfferId);
            access.RequireMayWriteFor(offer.Agency);
            // An accepted offer can still be declined until she moves in (she changes her mind, or
            // the provider withdraws): the vacancy it was promised to opens again.
            var accepted = offer.Status == OfferStatuses.Accepted;
            if (!accepted)
            {
                EnsureOpen(offer, now, "declined");
            }
            var parkedUntil = reason!.Consequence == DeclineConsequence.Park ? now.AddDays(reason.ParkDays) : (DateTimeOffset?)null;
            var note = string.IsNullOrWhiteSpace(request.Note) ? null : request.Note.Trim();
            await offers.DecideAsync(db, tx, offer, request.ExpectedVersion, OfferStatuses.Declined, now, request.ReasonCode, note, parkedUntil);
            await (accepted
                ? vacancies.ReopenAsync(db, tx, offer.VacancyId, offer.OfferId)
                : vacancies.ReleaseAsync(db, tx, offer.VacancyId, offer.OfferId));
            var place = await PlaceNames.OfUnitAsync(db, tx, offer.UnitId);
            await Outbox.EnqueueAsync(db, tx, new OfferDeclined
            {
                UnitName = place.Unit, SchemeName = place.Scheme,
                OfferId = offer.OfferId, PersonId = offer.PersonId, VacancyId = offer.VacancyId, ReasonCode = request.ReasonCode!, Agency = agency, OccurredAt = now,
            });
            if (reason.Consequence == DeclineConsequence.AssertiveOutreach)
            {
                await Outbox.EnqueueAsync(db, tx, new AssertiveOutreachRequested
                {
                    PersonId = offer.PersonId, Agency = agency, OfferId = offer.OfferId, OccurredAt = now,
                    Reason = "Housing could not reach her about an offer of accommodation.",
                });
            }
            return await offers.GetAsync(db, tx, offer.OfferId);
        });
        await units.ReloadUnitsAsync(offer.UnitId);
        return HousingViews.Offer(offer, now);
    }

    private static void EnsureOpen(OfferRow offer, DateTimeOffset now, string decision)
    {
        if (offer.Status != OfferStatuses.Offered)
        {
            throw new PreconditionFailedException($"The offer is {offer.Status.Replace('_', ' ')}; only an open offer can be {decision}.");
        }
        if (offer.HoldExpiresAt <= now)
        {
            throw new PreconditionFailedException("The offer's hold has expired; make a new offer if the vacancy is still free.");
        }
    }
}
