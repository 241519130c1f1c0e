using Platform.Engagement.Data;

namespace Platform.Engagement.Chronology;

/// <summary>
/// Turns one kind of event from another service into chronology entries (none, one, or one per
/// person it concerns). Adding a source to the chronology is one small class like this and one
/// line in <see cref="ChronologyRegistration"/>.
/// </summary>
public interface IChronologySource<in TEvent> where TEvent : class
{
    IEnumerable<ChronologyEntryRow> Entries(TEvent message);
}
