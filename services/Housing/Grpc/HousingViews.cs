using Google.Protobuf.WellKnownTypes;
using Platform.Housing.Data;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>Stored rows as API messages.</summary>
public static class HousingViews
{
    public static Timestamp? Optional(DateTimeOffset? value) => value is { } v ? Timestamp.FromDateTimeOffset(v) : null;

    public static Provider Provider(CatalogueRow row) => new()
    {
        ProviderId = row.Id, Name = row.Name, Attributes = UnitEntries.Parse(row.AttributesJson), Version = row.Version,
        KeepingAgency = row.OwnerAgency ?? "",
    };

    public static Scheme Scheme(CatalogueRow row) => new()
    {
        SchemeId = row.Id, ProviderId = row.ParentId ?? "", Name = row.Name, Attributes = UnitEntries.Parse(row.AttributesJson), Version = row.Version,
    };

    public static Vacancy Vacancy(VacancyRow row, DateTimeOffset now) => new()
    {
        VacancyId = row.VacancyId, UnitId = row.UnitId,
        AvailableFrom = Timestamp.FromDateTimeOffset(row.AvailableFrom), AvailableUntil = Optional(row.AvailableUntil),
        OpenedAt = Timestamp.FromDateTimeOffset(row.OpenedAt), Status = Status(row, now),
        HeldByOfferId = row.IsHeldAt(now) ? row.HeldByOfferId : "", HoldExpiresAt = row.IsHeldAt(now) ? Optional(row.HoldExpiresAt) : null,
        ClosedReason = row.ClosedReason ?? "", Version = row.Version,
    };

    public static VacancyStatus Status(VacancyRow row, DateTimeOffset now) => row.Status switch
    {
        VacancyStatuses.Open when row.AvailableUntil <= now => VacancyStatus.Expired,
        VacancyStatuses.Open => row.IsHeldAt(now) ? VacancyStatus.Held : VacancyStatus.Open,
        VacancyStatuses.Promised => VacancyStatus.Promised,
        VacancyStatuses.Let => VacancyStatus.Let,
        VacancyStatuses.Withdrawn => VacancyStatus.Withdrawn,
        _ => VacancyStatus.Expired,
    };

    public static Offer Offer(OfferRow row, DateTimeOffset now)
    {
        var offer = new Offer
        {
            OfferId = row.OfferId, PersonId = row.PersonId, VacancyId = row.VacancyId, UnitId = row.UnitId, SchemeId = row.SchemeId,
            ProviderId = row.ProviderId, Agency = row.Agency, Status = Status(row, now),
            MadeAt = Timestamp.FromDateTimeOffset(row.MadeAt), HoldExpiresAt = Timestamp.FromDateTimeOffset(row.HoldExpiresAt),
            DecidedAt = Optional(row.DecidedAt), DeclineReasonCode = row.DeclineReasonCode ?? "", DeclineNote = row.DeclineNote ?? "",
            ParkedUntil = Optional(row.ParkedUntil), Version = row.Version,
        };
        if (row.NoLongerFitsJson is { } json)
        {
            offer.NoLongerFits.AddRange(System.Text.Json.JsonSerializer.Deserialize<string[]>(json) ?? []);
        }
        return offer;
    }

    /// <summary>An offer whose hold ran out reads as expired before the sweep marks it.</summary>
    public static OfferStatus Status(OfferRow row, DateTimeOffset now) => row.Status switch
    {
        OfferStatuses.Offered => row.HoldExpiresAt > now ? OfferStatus.Offered : OfferStatus.Expired,
        OfferStatuses.Accepted => OfferStatus.Accepted,
        OfferStatuses.Declined => OfferStatus.Declined,
        OfferStatuses.Withdrawn => OfferStatus.Withdrawn,
        OfferStatuses.TenancyStarted => OfferStatus.TenancyStarted,
        _ => OfferStatus.Expired,
    };

    public static Tenancy Tenancy(TenancyRow row) => new()
    {
        TenancyId = row.TenancyId, OfferId = row.OfferId, PersonId = row.PersonId, UnitId = row.UnitId, SchemeId = row.SchemeId,
        ProviderId = row.ProviderId, Agency = row.Agency, StartedAt = Timestamp.FromDateTimeOffset(row.StartedAt),
        EndedAt = Optional(row.EndedAt), EndKind = TenancyEndKinds.From(row.EndKind), EndReason = row.EndReason ?? "", Version = row.Version,
    };
}

/// <summary>How tenancy ends are stored and published: the kebab-case names the events carry.</summary>
public static class TenancyEndKinds
{
    public static string Code(TenancyEndKind kind) => kind switch
    {
        TenancyEndKind.PlannedMoveOn => "planned-move-on",
        TenancyEndKind.Eviction => "eviction",
        TenancyEndKind.Abandonment => "abandonment",
        _ => "breakdown",
    };

    public static TenancyEndKind From(string? code) => code switch
    {
        null => TenancyEndKind.Unspecified,
        "planned-move-on" => TenancyEndKind.PlannedMoveOn,
        "eviction" => TenancyEndKind.Eviction,
        "abandonment" => TenancyEndKind.Abandonment,
        _ => TenancyEndKind.Breakdown,
    };
}
