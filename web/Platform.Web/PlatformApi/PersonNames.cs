using Grpc.Core;
using Platform.Registry.V1;
using Platform.Web.Components.Pages.People;

namespace Platform.Web.PlatformApi;

/// <summary>
/// The names the registry shows the caller for people a page lists by id (a plan's household, the
/// referrals awaiting an answer): one <c>BatchGetPersons</c> call per hundred, each read audited by
/// the registry. A person the caller may not see has no name here, and the page says so by role or
/// leaves her unnamed; a break-glass look opens one person, not a batch, so a refused batch names none.
/// </summary>
public static class PersonNames
{
    private const int PerCall = 100;

    public static async Task<IReadOnlyDictionary<string, string>> OfAsync(
        PeopleService.PeopleServiceClient registry, IEnumerable<string> personIds)
    {
        var names = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var chunk in personIds.Distinct(StringComparer.Ordinal).Chunk(PerCall))
        {
            try
            {
                var found = await registry.BatchGetPersonsAsync(new BatchGetPersonsRequest { PersonIds = { chunk } }, deadline: PlatformClients.Deadline);
                foreach (var person in found.Persons)
                {
                    names[person.PersonId] = PersonPage.DisplayName(person);
                }
            }
            catch (RpcException)
            {
                // Unnamed rather than no page: the list itself came from a service that already judged access.
            }
        }
        return names;
    }
}
