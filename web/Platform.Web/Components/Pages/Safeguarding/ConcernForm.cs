using Microsoft.AspNetCore.Http;
using Platform.Safeguarding.V1;
using Platform.Web.Components.Shared;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Safeguarding;

/// <summary>The concern as typed: kept whole when the platform refuses it, so nothing is lost.</summary>
public sealed class ConcernForm
{
    public static readonly FormFields Fields = new FormFields()
        .Add("details.categories", "categories", "The kind of abuse or neglect")
        .Add("details.source", "source", "Who brought the concern")
        .Add("details.raised_by", "raised-by", "Who raised it")
        .Add("details.location_of_risk", "location", "Where the risk is")
        .Add("details.description", "description", "What happened")
        .Add("details.immediate_risk", "immediate-risk", "Immediate risk")
        .Add("details.immediate_action", "immediate-action", "What was done")
        .Add("details.person_id", "categories", "The person")
        .Add("details", "categories", "The concern");

    public IReadOnlySet<AbuseCategory> Categories { get; init; } = new HashSet<AbuseCategory>();
    public ConcernSource Source { get; init; }
    public string RaisedBy { get; init; } = "";
    public RiskLocation Location { get; init; }
    public string Description { get; init; } = "";
    public string ImmediateRisk { get; init; } = "";
    public string ImmediateAction { get; init; } = "";

    public static ConcernForm From(IFormCollection form)
    {
        var typed = new PostedFields("concern", form);
        return new ConcernForm
        {
            Categories = typed.Enums<AbuseCategory>("categories"),
            Source = typed.Enum<ConcernSource>("source"),
            RaisedBy = typed["raisedBy"],
            Location = typed.Enum<RiskLocation>("location"),
            Description = typed["description"],
            ImmediateRisk = typed.Raw("immediateRisk"),
            ImmediateAction = typed["immediateAction"],
        };
    }

    /// <summary>The concern as the platform takes it, or what must be answered first.</summary>
    public (ConcernDetails Details, List<FieldProblem> Problems) ToDetails(string personId)
    {
        var problems = new List<FieldProblem>();
        var details = new ConcernDetails
        {
            PersonId = personId, Source = Source, RaisedBy = RaisedBy, LocationOfRisk = Location, Description = Description,
            ImmediateRisk = ImmediateRisk == "yes", ImmediateAction = ImmediateAction,
        };
        details.Categories.AddRange(Categories.Order());
        if (Categories.Count == 0)
        {
            problems.Add(new FieldProblem("details.categories", "must have at least one box ticked"));
        }
        if (Source == ConcernSource.Unspecified)
        {
            problems.Add(new FieldProblem("details.source", "must be chosen"));
        }
        if (RaisedBy.Length == 0)
        {
            problems.Add(new FieldProblem("details.raised_by", "is required"));
        }
        if (Location == RiskLocation.Unspecified)
        {
            problems.Add(new FieldProblem("details.location_of_risk", "must be chosen"));
        }
        if (Description.Length == 0)
        {
            problems.Add(new FieldProblem("details.description", "is required"));
        }
        if (ImmediateRisk.Length == 0)
        {
            problems.Add(new FieldProblem("details.immediate_risk", "must be answered"));
        }
        else if (ImmediateRisk == "yes" && ImmediateAction.Length == 0)
        {
            problems.Add(new FieldProblem("details.immediate_action", "is required when she is at immediate risk"));
        }
        return (details, problems);
    }
}
