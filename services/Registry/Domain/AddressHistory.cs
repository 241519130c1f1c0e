namespace Platform.Registry.Domain;

/// <summary>
/// The rule for a new address: one without an end date becomes the current address and closes the
/// one it replaces on the day it starts; a change of local authority is a move that the receiving
/// area's agencies must hear about. An address with an end date is history and closes nothing.
/// </summary>
public static class AddressHistory
{
    public sealed record Current(string AddressId, string LocalAuthority, DateTimeOffset From);

    public sealed record Outcome(string? CloseAddressId, DateTimeOffset? CloseAt, bool IsMove, string? FromLocalAuthority, bool BecomesCurrent);

    public static Outcome Apply(Current? current, string newLocalAuthority, DateTimeOffset newFrom, DateTimeOffset? newUntil)
    {
        if (newUntil is not null)
        {
            return new Outcome(null, null, false, null, false);
        }
        if (current is null)
        {
            return new Outcome(null, null, false, null, true);
        }
        if (newFrom < current.From)
        {
            // An open-ended address older than the current one cannot replace it.
            throw new ArgumentException("starts before the current address", nameof(newFrom));
        }
        var moved = !string.Equals(current.LocalAuthority, newLocalAuthority, StringComparison.Ordinal);
        return new Outcome(current.AddressId, newFrom, moved, moved ? current.LocalAuthority : null, true);
    }
}
