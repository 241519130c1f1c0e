namespace Platform.Housing.Data;

/// <summary>Stored status values: text, so the tables read plainly in either database.</summary>
public static class VacancyStatuses
{
    public const string Open = "open";
    public const string Promised = "promised";
    public const string Let = "let";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
}

public static class OfferStatuses
{
    public const string Offered = "offered";
    public const string Accepted = "accepted";
    public const string Declined = "declined";
    public const string Withdrawn = "withdrawn";
    public const string Expired = "expired";
    public const string TenancyStarted = "tenancy_started";
}
