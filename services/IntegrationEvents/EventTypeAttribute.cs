namespace Platform.IntegrationEvents;

/// <summary>
/// The stable name an event is stored and published under (in outbox rows), independent of its
/// CLR name: renaming or moving a contract must not make rows already written unreadable. Names are
/// <c>&lt;service&gt;.&lt;event-in-kebab-case&gt;.v&lt;n&gt;</c>; a change consumers cannot read is a new version.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class EventTypeAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
