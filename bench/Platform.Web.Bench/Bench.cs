using Grpc.Core;
using Platform.EndToEnd.Tests;

namespace Platform.Web.Bench;

/// <summary>The area the measured woman lives in, and calls made as a user of one of its agencies.</summary>
public static class Bench
{
    public const string Area = "E06000023";

    public static CallOptions As(string role, string agency) =>
        new(new Metadata { { "Authorization", $"Bearer {DevelopmentToken.Mint(role, agency, Area, $"{role}@{agency}")}" } },
            DateTime.UtcNow.AddMinutes(5));
}
