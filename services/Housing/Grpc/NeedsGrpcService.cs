using Google.Protobuf.WellKnownTypes;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;
using Platform.Housing.V1;
using Platform.IntegrationEvents.Safeguarding;

namespace Platform.Housing.Grpc;

/// <summary>Her needs profile: personal data, so every call goes through the access guard and is audited.</summary>
[Authorize(Roles = HousingRoles.Readers)]
public sealed class NeedsGrpcService(
    PersonAccessGuard<HousingDatabase> guard, PersonFactsStore facts, MatchSubjects subjects, OpenOfferRecheck recheck, TimeProvider clock)
    : NeedsService.NeedsServiceBase
{
    [Authorize(Roles = HousingRoles.Matchers)]
    public override Task<NeedsProfile> SetNeedsProfile(SetNeedsProfileRequest request, ServerCallContext context)
    {
        RequestValidation.NormaliseCodes(request.Profile);
        new Validator().RequiredId(request.PersonId, "person_id").Needs(request.Profile, "profile")
            .Check(request.ExpectedVersion >= 0, "expected_version", "must be 0 to create the profile, or the version you read").ThrowIfInvalid();
        var now = clock.GetUtcNow();
        var row = new NeedsRow
        {
            PersonId = request.PersonId, ProfileJson = Google.Protobuf.JsonFormatter.Default.Format(Stored(request.Profile)),
            UpdatedAt = now, UpdatedByAgency = Caller.From(context).Agency,
        };
        return guard.RunAsync(context, request.PersonId, "housing.needs.set", async (db, tx) =>
        {
            var existing = await facts.NeedsAsync(db, tx, request.PersonId);
            if (request.ExpectedVersion == 0 && existing is not null)
            {
                throw new StaleVersionException("Needs profile", request.PersonId, 0, existing.Version);
            }
            if (request.ExpectedVersion == 0)
            {
                await facts.InsertNeedsAsync(db, tx, row);
            }
            else if (existing is null)
            {
                throw new NotFoundException("Needs profile", request.PersonId);
            }
            else if (!await facts.TryUpdateNeedsAsync(db, tx, row, request.ExpectedVersion))
            {
                throw new StaleVersionException("Needs profile", request.PersonId, request.ExpectedVersion, existing.Version);
            }
            await recheck.RecheckAsync(db, tx, request.PersonId, now);
            return View(await subjects.LoadAsync(db, tx, request.PersonId, now));
        });
    }

    public override Task<NeedsProfile> GetNeedsProfile(GetNeedsProfileRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        return guard.ReadAsync(context, request.PersonId, "housing.needs.read", async (db, tx) =>
            View(await subjects.LoadAsync(db, tx, request.PersonId, clock.GetUtcNow())));
    }

    /// <summary>Only what the caller states is stored; what housing learns is added when it is read.</summary>
    private static NeedsProfile Stored(NeedsProfile profile)
    {
        var stored = profile.Clone();
        stored.PersonId = "";
        stored.EffectiveRiskLevel = RiskLevel.Unspecified;
        stored.RiskLevelSource = "";
        stored.LocalConnections.Clear();
        stored.Version = 0;
        stored.UpdatedAt = null;
        return stored;
    }

    internal static NeedsProfile View(PersonNeeds needs)
    {
        var view = needs.Profile.Clone();
        view.PersonId = needs.Row.PersonId;
        view.EffectiveRiskLevel = needs.Subject.RiskLevel switch
        {
            RiskLevels.High => RiskLevel.High,
            RiskLevels.Medium => RiskLevel.Medium,
            _ => RiskLevel.Standard,
        };
        view.RiskLevelSource = needs.RiskSource;
        view.LocalConnections.AddRange(needs.LocalConnections.Order(StringComparer.Ordinal));
        view.Version = needs.Row.Version;
        view.UpdatedAt = Timestamp.FromDateTimeOffset(needs.Row.UpdatedAt);
        return view;
    }
}
