namespace Platform.Registry.Domain.Duplicates;

/// <summary>
/// A reference an agency holds for a person, such as a social care case number
/// or a police national computer identifier.
/// </summary>
public sealed record AgencyIdentifier(string Agency, string Value);
