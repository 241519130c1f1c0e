using System.Globalization;

namespace Platform.Housing.Domain.Rules;

/// <summary>Only a unit with a vacancy that nobody holds can be offered.</summary>
public sealed class VacancyRule : HardRule
{
    public override string Name => "vacancy";

    public override bool Passes(MatchSubject who, UnitEntry unit) => unit.Vacancy is { } v && v.IsFreeAt(who.Now);

    public override string Reason(MatchSubject who, UnitEntry unit, bool passed) => unit.Vacancy switch
    {
        null => "no open vacancy",
        { Promised: true } => "the vacancy is promised to someone who accepted an offer",
        var v when v.IsHeldAt(who.Now) => string.Create(CultureInfo.InvariantCulture, $"the vacancy is held by another offer until {v.HeldUntil:yyyy-MM-dd HH:mm} UTC"),
        var v when !passed => string.Create(CultureInfo.InvariantCulture, $"the vacancy closed on {v.AvailableUntil:yyyy-MM-dd}"),
        var v when v.AvailableFrom > who.Now => string.Create(CultureInfo.InvariantCulture, $"vacant from {v.AvailableFrom:yyyy-MM-dd}"),
        _ => "vacant now",
    };
}
