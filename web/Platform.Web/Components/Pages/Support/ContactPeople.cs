using Platform.Registry.V1;
using Platform.Web.PlatformApi;

namespace Platform.Web.Components.Pages.Support;

/// <summary>Her name and the people related to her whom the caller may see, for the contact form's "who else was there".</summary>
public static class ContactPeople
{
    public static async Task<(string Name, IReadOnlyList<(string Id, string Label)> Related)> LoadAsync(
        PeopleService.PeopleServiceClient people, RelationshipService.RelationshipServiceClient relationships, string personId)
    {
        var deadline = PlatformClients.Deadline;
        var person = await people.GetPersonAsync(new GetPersonRequest { PersonId = personId }, deadline: deadline);
        var graph = await relationships.GetRelationshipGraphAsync(new GetRelationshipGraphRequest { PersonId = personId }, deadline: deadline);
        var related = graph.Nodes.Where(n => n.PersonId != personId && n.Visible)
            .Select(n => (n.PersonId, Label: $"{n.DisplayName} ({string.Join(", ", graph.Relationships.Where(r => r.FromPersonId == n.PersonId || r.ToPersonId == n.PersonId).Select(r => Pictures.EcomapLayout.Describe(r.Type)).Distinct())})"))
            .ToList();
        return (People.PersonPage.DisplayName(person), related);
    }
}
