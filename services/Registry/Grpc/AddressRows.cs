using Platform.BuildingBlocks.Security;
using Platform.Registry.Data;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

/// <summary>A validated address from a request, as the row the registry stores.</summary>
internal static class AddressRows
{
    /// <remarks>A confidential address that names no agency is visible to the recording agency only.</remarks>
    public static AddressRow From(string personId, Address address, Caller caller, DateTimeOffset now) => new()
    {
        AddressId = Guid.NewGuid().ToString(),
        PersonId = personId,
        LinesJson = System.Text.Json.JsonSerializer.Serialize(address.Lines.Select(l => l.Trim()).ToArray()),
        Postcode = string.IsNullOrWhiteSpace(address.Postcode) ? null : address.Postcode.Trim().ToUpperInvariant(),
        LocalAuthority = address.LocalAuthority,
        ValidFrom = address.From?.ToDateTimeOffset() ?? now,
        ValidUntil = address.Until?.ToDateTimeOffset(),
        Confidential = address.Confidential,
        VisibleToJson = System.Text.Json.JsonSerializer.Serialize(
            address.Confidential && address.VisibleToAgencies.Count == 0 ? [caller.Agency] : address.VisibleToAgencies.ToArray()),
        RecordedAt = now,
        RecordedByAgency = caller.Agency,
    };
}
