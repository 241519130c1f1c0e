using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>
/// Explained matches. Her profile is read through the access guard (audited); the ranking runs on
/// the in-memory index after the transaction, so it holds no database lock.
/// </summary>
[Authorize(Roles = HousingRoles.Matchers)]
public sealed class MatchingGrpcService(
    PersonAccessGuard<HousingDatabase> guard, MatchSubjects subjects, PlacementIndex index, PlacementMatcher matcher, TimeProvider clock)
    : MatchingService.MatchingServiceBase
{
    public const int DefaultPageSize = 20;
    public const int MaxPageSize = 200;

    public override async Task<MatchPlacementsResponse> MatchPlacements(MatchPlacementsRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id")
            .Check(request.PageSize is >= 0 and <= MaxPageSize, "page_size", $"must be between 0 and {MaxPageSize}").ThrowIfInvalid();
        var subject = await SubjectAsync(context, request.PersonId, "housing.match");
        var take = request.PageSize == 0 ? DefaultPageSize : request.PageSize;
        var result = matcher.Rank(subject, index.Units, take, request.IncludeExcluded ? take : 0, request.IncludeWithoutVacancy);
        var response = new MatchPlacementsResponse
        {
            UnitsConsidered = result.Considered, FitCount = result.FitCount, ExcludedCount = result.ExcludedCount,
            ExplainedExcludedCount = result.ExplainedExcludedCount,
        };
        response.Matches.AddRange(result.Fits.Select(fit => ToProto(matcher.Explain(subject, fit.Unit), onlyFailures: false)));
        response.Excluded.AddRange(result.Excluded.Select(unit => ToProto(matcher.Explain(subject, unit), onlyFailures: true)));
        response.WhyNot.AddRange(result.WhyNot.Select(count =>
        {
            var group = new ExclusionGroup { Rule = count.Rule, Count = count.Count };
            group.UnitIds.AddRange(response.Excluded.Where(e => e.Rules.Any(r => r.Rule == count.Rule)).Select(e => e.UnitId));
            return group;
        }));
        return response;
    }

    public override async Task<PlacementMatch> ExplainPlacement(ExplainPlacementRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").RequiredId(request.UnitId, "unit_id").ThrowIfInvalid();
        var subject = await SubjectAsync(context, request.PersonId, "housing.match.explain");
        var unit = index.Find(request.UnitId) ?? throw new NotFoundException("Unit", request.UnitId);
        return ToProto(matcher.Explain(subject, unit), onlyFailures: false);
    }

    private async Task<MatchSubject> SubjectAsync(ServerCallContext context, string personId, string action) =>
        (await guard.RunAsync(context, personId, action, (db, tx) => subjects.LoadAsync(db, tx, personId, clock.GetUtcNow()))).Subject;

    internal static PlacementMatch ToProto(PlacementExplanation explanation, bool onlyFailures)
    {
        var unit = explanation.Unit;
        var match = new PlacementMatch
        {
            UnitId = unit.UnitId, SchemeId = unit.SchemeId, ProviderId = unit.ProviderId, UnitName = unit.Name,
            VacancyId = unit.Vacancy?.VacancyId ?? "", Fits = explanation.Fits, Score = explanation.Score,
            Location = new Location(),
        };
        if (unit.HasCoordinates)
        {
            match.Location.Latitude = unit.Latitude;
            match.Location.Longitude = unit.Longitude;
        }
        if (unit.LocalAuthority is { } area)
        {
            match.Location.LocalAuthority = area;
        }
        match.Rules.AddRange(explanation.Rules.Where(r => !onlyFailures || !r.Passed)
            .Select(r => new RuleOutcome { Rule = r.Rule, Passed = r.Passed, Reason = r.Reason }));
        if (!onlyFailures)
        {
            match.ScoreComponents.AddRange(explanation.ScoreParts.Select(p =>
                new ScoreComponent { Name = p.Name, Value = p.Value, Weight = p.Weight, Reason = p.Reason }));
        }
        return match;
    }
}
