using Platform.BuildingBlocks.Tests.Support;

namespace Platform.BuildingBlocks.Tests.Security;

public sealed class ProjectedAccessFactsTests
{
    [Fact]
    public async Task Facts_of_a_thousand_people_with_linked_records_are_read_whole()
    {
        await using var file = await TempSqlite.MigratedAsync();
        await ManyPeopleAccessFacts.SeedAsync(file.Database);

        var facts = await ManyPeopleAccessFacts.ReadAsync(file.Database);

        ManyPeopleAccessFacts.AssertEveryoneFound(facts);
    }
}
