namespace Platform.Registry.Domain.Duplicates;

/// <param name="Score">Weighted agreement from 0 to 1.</param>
/// <param name="Reasons">Short plain-English statements of the evidence, for a person reviewing the match.</param>
/// <param name="IsLikelyDuplicate">Whether the pair should be offered for review as one person.</param>
public sealed record DuplicateScore(double Score, IReadOnlyList<string> Reasons, bool IsLikelyDuplicate);
