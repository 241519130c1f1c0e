using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;

namespace Platform.Safeguarding.Worklists;

/// <summary>
/// A worklist page token: the keyset position where the page stopped, bound to the caller and the
/// scope it was issued for, so that it cannot page someone else's list or another scope, and an
/// edited position is refused rather than silently skipping work.
/// </summary>
internal static class WorklistPageToken
{
    public static string Write(Caller caller, WorkScope scope, WorkPosition position)
    {
        var at = $"{position.DueAt.UtcTicks.ToString(CultureInfo.InvariantCulture)}|{position.RecordId}";
        return Convert.ToBase64String(Encoding.UTF8.GetBytes($"{at}|{Fingerprint(caller, scope, at)}"));
    }

    /// <summary>The position a token carries; null for none; a violation on page_token for a token not issued for this caller and scope.</summary>
    public static WorkPosition? Read(string token, Caller caller, WorkScope scope, Validator v)
    {
        if (token.Length == 0)
        {
            return null;
        }
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token)).Split('|');
            if (parts.Length == 3 && parts[2] == Fingerprint(caller, scope, $"{parts[0]}|{parts[1]}")
                && long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var ticks))
            {
                return new WorkPosition(new DateTimeOffset(ticks, TimeSpan.Zero), parts[1]);
            }
        }
        catch (Exception e) when (e is FormatException or ArgumentOutOfRangeException)
        {
        }
        v.Add("page_token", "is not a token this service issued to you for this worklist; start again without one");
        return null;
    }

    private static string Fingerprint(Caller caller, WorkScope scope, string position)
    {
        var shape = $"{caller.Subject}|{caller.Agency}|{caller.LocalAuthority}|{scope.Agency}|{scope.Area}|{position}";
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(shape)))[..16];
    }
}
