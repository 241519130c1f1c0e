namespace Platform.Registry.Domain;

/// <summary>
/// The rule for a new address: one without an end date becomes the current address and closes the
/// one it replaces on the day it starts; a change of local authority is a move that the receiving
/// area's agencies must hear about. An address with an end date is history and closes nothing.
/// A move to or from a confidential address is a move whatever the two areas are: whether it
/// crossed a boundary would itself say where she is. The area she left is never a confidential one.
/// </summary>
public static class AddressHistory
{
    public sealed record Current(string AddressId, string PersonId, string LocalAuthority, DateTimeOffset From, bool Confidential);

    public sealed record Outcome(Current? Closes, DateTimeOffset? CloseAt, bool IsMove, string? FromLocalAuthority, bool BecomesCurrent);

    public static Outcome Apply(Current? current, string newLocalAuthority, bool newConfidential, DateTimeOffset newFrom, DateTimeOffset? newUntil)
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
        var moved = current.Confidential || newConfidential || !string.Equals(current.LocalAuthority, newLocalAuthority, StringComparison.Ordinal);
        return new Outcome(current, newFrom, moved, moved && !current.Confidential ? current.LocalAuthority : null, true);
    }
}
