using Grpc.Core;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Grpc;

public sealed class RegistrationTests : IAsyncLifetime
{
    private TestHost _host = null!;

    public async Task InitializeAsync() => _host = await RegistryHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task Registered_person_is_found_by_a_misspelt_name_and_read_back()
    {
        var people = new PeopleService.PeopleServiceClient(_host.Channel(Identity.SupportWorker()));

        var registered = await people.RegisterPersonAsync(People.Catherine());
        var found = await people.SearchPersonsAsync(new SearchPersonsRequest { Name = "Kathryn Smyth" });
        var read = await people.GetPersonAsync(new GetPersonRequest { PersonId = registered.Person.PersonId });

        Assert.Equal(registered.Person.PersonId, Assert.Single(found.Matches).PersonId);
        Assert.Equal("9434765919", read.Details.NhsNumber);
        Assert.Equal("E06000023", Assert.Single(read.Addresses).LocalAuthority);
        Assert.Equal(1, read.ActiveInvolvementCount);
    }

    [Fact]
    public async Task Call_without_a_token_is_unauthenticated()
    {
        var people = new PeopleService.PeopleServiceClient(_host.Channel(null));

        var error = await Assert.ThrowsAsync<RpcException>(() => people.RegisterPersonAsync(People.Catherine()).ResponseAsync);

        Assert.Equal(StatusCode.Unauthenticated, error.StatusCode);
    }
}
