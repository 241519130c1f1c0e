using Microsoft.AspNetCore.Http;
using Platform.Safeguarding.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>A domestic-abuse incident as typed: kept whole when the platform refuses it, so nothing is lost.</summary>
public sealed class IncidentForm
{
    public static readonly FormFields Fields = new FormFields()
        .Add("details.occurred_at", "occurred", "When it happened")
        .Add("details.description", "incident-description", "What happened")
        .Add("details.categories", "incident-categories", "The kind of abuse")
        .Add("details.reporting_agency", "reporting-agency", "The reporting agency")
        .Add("details.alleged_perpetrator_id", "perpetrator", "The alleged perpetrator's record")
        .Add("details.person_id", "occurred", "The person")
        .Add("details", "occurred", "The incident");

    public PostedFields Typed { get; init; } = PostedFields.None;

    public static IncidentForm From(IFormCollection form) => new() { Typed = new PostedFields("incident", form) };

    public IReadOnlySet<AbuseCategory> Categories =>
Typed.Enums<AbuseCategory>("categories");

    /// <summary>The incident as the platform takes it, or what must be answered first.</summary>
    public (IncidentDetails Details, List<FieldProblem> Problems) ToDetails(string personId)
    {
        var problems = new List<FieldProblem>();
        var details = new IncidentDetails
        {
            PersonId = personId, OccurredAt = Typed.Day("occurred", "details.occurred_at", problems, required: true),
            Description = Typed["description"], ReportingAgency = Typed["reportingAgency"], AllegedPerpetratorId = Typed["perpetrator"],
        };
        details.Categories.AddRange(Categories.Order());
        if (details.Description.Length == 0)
        {
            problems.Add(new FieldProblem("details.description", "is required"));
        }
        return (details, problems);
    }
}
