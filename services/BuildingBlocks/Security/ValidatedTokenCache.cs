using System.Collections.Concurrent;
using System.Security.Claims;
using Microsoft.IdentityModel.Tokens;

namespace Platform.BuildingBlocks.Security;

/// <summary>
/// The JwtBearer token handler: it wraps the library's handler and remembers each token it validated,
/// so that the same bearer token, sent again on the next call, is not checked again (signature,
/// issuer, audience, lifetime cost a tenth of the gateway's CPU when done on every call).
/// <para>
/// Why this is safe: an entry is found only by the whole token string (ordinal), so a token that
/// differs in one character from a remembered one, or that merely shares its claims, is validated in
/// full. Only successes are remembered, and only a token already valid now (past its not-before) with
/// an expiry. An entry serves until the token's expiry plus the clock skew validation allows, and never
/// longer than <see cref="MaximumAge"/>, so that keys withdrawn from the authority's metadata stop
/// being trusted within minutes. Every call gets its own copy of the identity, so what one request adds
/// to its principal never reaches another. The claims check (<see cref="TokenClaims"/>) runs after this
/// handler on every call, so a token it refuses stays refused.
/// </para>
/// <para>
/// What bounds it: at most <see cref="Capacity"/> entries. Entries past their end are dropped when met
/// and swept at least every <see cref="MaximumAge"/>; when full, the entries that end soonest go first.
/// </para>
/// </summary>
public sealed class ValidatedTokenCache : TokenHandler
{
    public const int DefaultCapacity = 10_000;

    public static readonly TimeSpan DefaultMaximumAge = TimeSpan.FromMinutes(5);

    private readonly TokenHandler _inner;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Entry> _entries = new(StringComparer.Ordinal);

    // Additions, sweeps and evictions take this lock; look-ups do not. Additions follow a full
    // validation, which costs far more than the lock.
    private readonly Lock _adding = new();
    private DateTimeOffset _sweptAt;

    public ValidatedTokenCache(TokenHandler inner, TimeProvider clock, int capacity = DefaultCapacity, TimeSpan? maximumAge = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        _inner = inner;
        _clock = clock;
        Capacity = capacity;
        MaximumAge = maximumAge ?? DefaultMaximumAge;
        _sweptAt = clock.GetUtcNow();
    }

    public int Capacity { get; }

    public TimeSpan MaximumAge { get; }

    /// <summary>The entries held now (some may have ended and not yet been swept).</summary>
    public int Count => _entries.Count;

    public override async Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
    {
        var now = _clock.GetUtcNow();
        if (_entries.TryGetValue(token, out var entry))
        {
            if (now < entry.Until)
            {
                return entry.Result();
            }
            _entries.TryRemove(KeyValuePair.Create(token, entry));
        }
        var result = await _inner.ValidateTokenAsync(token, validationParameters);
        if (result.IsValid && Until(result.SecurityToken, validationParameters.ClockSkew, now) is { } until)
        {
            // The caller gets the identity the library made; the cache keeps a copy no request holds.
            Add(token, new Entry(result.ClaimsIdentity.Clone(), result.SecurityToken, result.Issuer, result.TokenType, until), now);
        }
        return result;
    }

    public override Task<TokenValidationResult> ValidateTokenAsync(SecurityToken token, TokenValidationParameters validationParameters) =>
        _inner.ValidateTokenAsync(token, validationParameters);

    public override SecurityToken ReadToken(string token) => _inner.ReadToken(token);

    /// <summary>When a just validated token stops being served from the cache; null when it must not be cached.</summary>
    private DateTimeOffset? Until(SecurityToken token, TimeSpan clockSkew, DateTimeOffset now)
    {
        // The library reports an absent time as DateTime.MinValue.
        if (token.ValidTo == DateTime.MinValue || (token.ValidFrom != DateTime.MinValue && Utc(token.ValidFrom) > now))
        {
            return null;
        }
        var expiry = Utc(token.ValidTo) + clockSkew;
        var until = expiry < now + MaximumAge ? expiry : now + MaximumAge;
        return until > now ? until : null;
    }

    private static DateTimeOffset Utc(DateTime time) => new(DateTime.SpecifyKind(time, DateTimeKind.Utc));

    private void Add(string token, Entry entry, DateTimeOffset now)
    {
        lock (_adding)
        {
            if (now - _sweptAt >= MaximumAge || (_entries.Count >= Capacity && !_entries.ContainsKey(token)))
            {
                Sweep(now);
            }
            if (_entries.Count >= Capacity && !_entries.ContainsKey(token))
            {
                Evict();
            }
            _entries[token] = entry;
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        _sweptAt = now;
        foreach (var pair in _entries)
        {
            if (now >= pair.Value.Until)
            {
                _entries.TryRemove(pair);
            }
        }
    }

    /// <summary>Down to nine tenths of the capacity, soonest ending first, so a full cache is not sorted on every addition.</summary>
    private void Evict()
    {
        var keep = Capacity * 9 / 10;
        foreach (var pair in _entries.OrderBy(pair => pair.Value.Until).Take(Math.Max(1, _entries.Count - keep)).ToList())
        {
            _entries.TryRemove(pair);
        }
    }

    private sealed record Entry(ClaimsIdentity Identity, SecurityToken Token, string? Issuer, string? TokenType, DateTimeOffset Until)
    {
        /// <summary>A success of its own for each call: the identity is copied, claims and all.</summary>
        public TokenValidationResult Result() => new()
        {
            IsValid = true,
            ClaimsIdentity = Identity.Clone(),
            SecurityToken = Token,
            Issuer = Issuer,
            TokenType = TokenType,
        };
    }
}
