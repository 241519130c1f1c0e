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

    /// <summary>
    /// The facts of many people at once, for a list or an import (unknown people are left out). A
    /// source that can read them in a few statements overrides this; the default asks one by one.
    /// </summary>
    async Task<IReadOnlyDictionary<string, PersonAccessFacts>> GetManyAsync(
        IReadOnlyCollection<string> personIds, DbConnection db, DbTransaction tx, CancellationToken cancellationToken)
    {
        var found = new Dictionary<string, PersonAccessFacts>(StringComparer.Ordinal);
        foreach (var personId in personIds)
        {
            if (await GetAsync(personId, db, tx, cancellationToken) is { } facts)
            {
                found[personId] = facts;
            }
        }
        return found;
    }
}
