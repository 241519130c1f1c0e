using Google.Protobuf.WellKnownTypes;
using Platform.IntegrationEvents.Registry;
using Platform.Registry.Tests.Grpc;
using Platform.Registry.V1;
using Platform.Testing;

namespace Platform.Registry.Tests.Messaging;

/// <summary>
/// The registry's events leave through its outbox and cross a real RabbitMQ broker to a consumer,
/// as they will to the engagement, housing and safeguarding services in distributed mode.
/// </summary>
public sealed class RegistryEventsOverRabbitMqTests
{
    [SkippableFact]
    public async Task Registration_and_a_move_between_areas_reach_a_consumer_over_rabbitmq()
    {
        Infrastructure.RequireRabbitMq();
        await using var host = await RegistryHost.StartAsync(new TestHostOptions
        {
            RabbitMq = true,
            RecordEvents = [typeof(PersonRegistered), typeof(PersonMoved)],
        });
        var who = Identity.SupportWorker();
        var people = new PeopleService.PeopleServiceClient(host.Channel(who));
        var addresses = new AddressService.AddressServiceClient(host.Channel(who));

        var person = (await people.RegisterPersonAsync(People.Catherine(area: "E06000023"))).Person;
        await addresses.RecordAddressAsync(new RecordAddressRequest
        {
            PersonId = person.PersonId,
            ExpectedVersion = person.Version,
            Address = new Address { Lines = { "3 Mill Lane" }, LocalAuthority = "E06000025", From = Timestamp.FromDateTimeOffset(host.Clock.GetUtcNow()) },
        });

        var registered = await host.Events.WaitForAsync<PersonRegistered>(e => e.PersonId == person.PersonId, TimeSpan.FromSeconds(30));
        var moved = await host.Events.WaitForAsync<PersonMoved>(e => e.PersonId == person.PersonId, TimeSpan.FromSeconds(30));
        Assert.Equal("E06000023", registered.LocalAuthority);
        Assert.Equal(("E06000023", "E06000025"), (moved.FromLocalAuthority, moved.ToLocalAuthority));
    }
}
