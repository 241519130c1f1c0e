using System.Data.Common;

namespace Platform.BuildingBlocks.Security;

/// <summary>The facts about a person that decide who may see their record.</summary>
public sealed record PersonAccessFacts(
    IReadOnlySet<string> InvolvedAgencies,
    IReadOnlySet<string> LocalAuthorities,
    IReadOnlySet<string> SharedWithAgencies);

/// <summary>
/// Where a service finds those facts: the registry from its own tables, other services from the
/// projection they keep of the registry's events. Null when the person is unknown.
/// </summary>
public interface IPersonAccessFactsSource
{
    Task<PersonAccessFacts?> GetAsync(string personId, DbConnection db, DbTransaction tx, CancellationToken cancellationToken);
}
