using System.Security.Claims;
using Microsoft.Extensions.Time.Testing;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using Platform.BuildingBlocks.Security;

namespace Platform.BuildingBlocks.Tests.Security;

/// <summary>
/// What the cache of validated tokens may answer without the library: the same token string, valid
/// now, for at most its lifetime and five minutes; and each answer an identity of its own.
/// </summary>
public sealed class ValidatedTokenCacheTests
{
    private static readonly AuthOptions Auth = new() { SigningKey = AuthOptions.GenerateDevelopmentKey() };

    private readonly FakeTimeProvider _clock = new(DateTimeOffset.UtcNow);
    private readonly CountingHandler _inner = new();

    private ValidatedTokenCache Cache(int capacity = ValidatedTokenCache.DefaultCapacity) => new(_inner, _clock, capacity);

    /// <summary>The platform's parameters, but lifetimes read the test's clock (the library's own check reads the system clock).</summary>
    private TokenValidationParameters Parameters() => new()
    {
        ValidIssuers = Auth.ValidIssuers(),
        ValidAudience = Auth.Audience,
        IssuerSigningKey = Auth.SecurityKey(),
        ValidAlgorithms = AuthOptions.DevelopmentAlgorithms,
        NameClaimType = PlatformClaims.Subject,
        RoleClaimType = PlatformClaims.Role,
        ClockSkew = AuthOptions.ClockSkew,
        LifetimeValidator = (notBefore, expires, _, parameters) =>
        {
            var now = _clock.GetUtcNow().UtcDateTime;
            return expires >= now - parameters.ClockSkew && !(notBefore > now + parameters.ClockSkew);
        },
    };

    private string Token(TimeSpan lifetime, TimeSpan? startsIn = null, string subject = "worker-1", SecurityKey? key = null)
    {
        var now = _clock.GetUtcNow().UtcDateTime;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Auth.Issuer,
            Audience = Auth.Audience,
            IssuedAt = now,
            NotBefore = now + (startsIn ?? TimeSpan.Zero),
            Expires = now + lifetime,
            Claims = new Dictionary<string, object>
            {
                [PlatformClaims.Subject] = subject,
                [PlatformClaims.Role] = PlatformRoles.SupportWorker,
                [PlatformClaims.Agency] = "outreach-bristol",
                [PlatformClaims.Area] = "E06000023",
            },
            SigningCredentials = new SigningCredentials(key ?? Auth.SecurityKey(), SecurityAlgorithms.HmacSha256),
        });
    }

    private static DateTimeOffset ExpiryOf(string token) => new(new JsonWebToken(token).ValidTo, TimeSpan.Zero);

    /// <summary>The token with one character, at <paramref name="index"/> from the end of a part, replaced by another.</summary>
    private static string Changed(string token, int part, int index)
    {
        var parts = token.Split('.');
        var chars = parts[part].ToCharArray();
        var at = chars.Length - 1 - index;
        chars[at] = chars[at] == 'A' ? 'B' : 'A';
        parts[part] = new string(chars);
        return string.Join('.', parts);
    }

    [Fact]
    public async Task A_valid_token_is_validated_once_and_then_accepted_from_the_cache()
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromHours(1));

        var first = await cache.ValidateTokenAsync(token, Parameters());
        var again = await cache.ValidateTokenAsync(token, Parameters());
        var third = await cache.ValidateTokenAsync(token, Parameters());

        Assert.True(first.IsValid && again.IsValid && third.IsValid);
        Assert.Equal(1, _inner.Validations);
        Assert.Equal("worker-1", again.ClaimsIdentity.Name);
        Assert.Equal(first.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)), third.ClaimsIdentity.Claims.Select(c => (c.Type, c.Value)));
        Assert.Equal(first.SecurityToken.ValidTo, third.SecurityToken.ValidTo);
    }

    [Fact]
    public async Task A_cached_token_is_refused_once_past_its_expiry_and_the_clock_skew()
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromMinutes(2));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);

        _clock.SetUtcNow(ExpiryOf(token) + AuthOptions.ClockSkew - TimeSpan.FromSeconds(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(1, _inner.Validations);

        _clock.SetUtcNow(ExpiryOf(token) + AuthOptions.ClockSkew + TimeSpan.FromSeconds(1));
        Assert.False((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.False((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(3, _inner.Validations);
    }

    [Fact]
    public async Task A_long_lived_token_is_validated_again_after_five_minutes_so_a_withdrawn_key_stops_being_trusted()
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromHours(8));
        await cache.ValidateTokenAsync(token, Parameters());

        _clock.Advance(ValidatedTokenCache.DefaultMaximumAge - TimeSpan.FromSeconds(1));
        await cache.ValidateTokenAsync(token, Parameters());
        Assert.Equal(1, _inner.Validations);

        _clock.Advance(TimeSpan.FromSeconds(1));
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(2, _inner.Validations);
    }

    [Theory]
    [InlineData(2, 10)] // signature
    [InlineData(2, 30)]
    [InlineData(1, 20)] // payload
    [InlineData(0, 5)] // header
    public async Task A_token_one_character_away_from_a_cached_one_is_validated_in_full_and_refused(int part, int index)
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromHours(1));
        await cache.ValidateTokenAsync(token, Parameters());
        var tampered = Changed(token, part, index);

        Assert.NotEqual(token, tampered);
        Assert.False((await cache.ValidateTokenAsync(tampered, Parameters())).IsValid);
        Assert.False((await cache.ValidateTokenAsync(tampered, Parameters())).IsValid);
        Assert.Equal(3, _inner.Validations);
        Assert.True((await cache.ValidateTokenAsync(token, Parameters())).IsValid);
        Assert.Equal(3, _inner.Validations);
    }

    [Fact]
    public async Task A_refusal_is_never_remembered_and_nor_is_a_token_not_yet_valid()
    {
        var cache = Cache();
        var foreign = Token(TimeSpan.FromHours(1), key: new SymmetricSecurityKey(new byte[64]));
        var early = Token(TimeSpan.FromHours(1), startsIn: TimeSpan.FromSeconds(20));

        Assert.False((await cache.ValidateTokenAsync(foreign, Parameters())).IsValid);
        Assert.False((await cache.ValidateTokenAsync(foreign, Parameters())).IsValid);
        // Inside the skew the library accepts a token whose not-before is still ahead; it is not kept.
        Assert.True((await cache.ValidateTokenAsync(early, Parameters())).IsValid);
        Assert.True((await cache.ValidateTokenAsync(early, Parameters())).IsValid);

        Assert.Equal(4, _inner.Validations);
        Assert.Equal(0, cache.Count);
    }

    [Fact]
    public async Task Each_call_gets_an_identity_of_its_own()
    {
        var cache = Cache();
        var token = Token(TimeSpan.FromHours(1));

        var first = (await cache.ValidateTokenAsync(token, Parameters())).ClaimsIdentity;
        first.AddClaim(new Claim("added", "by the first call"));
        first.FindFirst(PlatformClaims.Area)!.Properties["note"] = "changed by the first call";
        var second = (await cache.ValidateTokenAsync(token, Parameters())).ClaimsIdentity;
        second.AddClaim(new Claim("added", "by the second call"));
        var third = (await cache.ValidateTokenAsync(token, Parameters())).ClaimsIdentity;

        Assert.Equal(1, _inner.Validations);
        Assert.NotSame(second, third);
        Assert.Null(third.FindFirst("added"));
        Assert.False(third.FindFirst(PlatformClaims.Area)!.Properties.ContainsKey("note"));
        Assert.All(third.Claims, claim => Assert.Same(third, claim.Subject));
        // The copy is the library's kind of identity (claim types compared case-sensitively).
        Assert.Equal(first.GetType(), third.GetType());
    }

    [Fact]
    public async Task The_cache_holds_no_more_than_its_capacity_and_keeps_the_entries_that_end_last()
    {
        var cache = Cache(capacity: 4);
        var tokens = new List<string>();
        for (var i = 0; i < 12; i++)
        {
            tokens.Add(Token(TimeSpan.FromHours(1), subject: $"worker-{i}"));
            Assert.True((await cache.ValidateTokenAsync(tokens[^1], Parameters())).IsValid);
            Assert.InRange(cache.Count, 1, 4);
            _clock.Advance(TimeSpan.FromSeconds(1));
        }

        Assert.True((await cache.ValidateTokenAsync(tokens[^1], Parameters())).IsValid);
        Assert.Equal(12, _inner.Validations);
        Assert.True((await cache.ValidateTokenAsync(tokens[0], Parameters())).IsValid);
        Assert.Equal(13, _inner.Validations);
        Assert.InRange(cache.Count, 1, 4);
    }

    [Fact]
    public async Task Entries_past_their_end_are_swept_even_when_never_asked_for_again()
    {
        var cache = Cache();
        await cache.ValidateTokenAsync(Token(TimeSpan.FromMinutes(1)), Parameters());
        Assert.Equal(1, cache.Count);

        _clock.Advance(ValidatedTokenCache.DefaultMaximumAge);
        await cache.ValidateTokenAsync(Token(TimeSpan.FromHours(1), subject: "worker-2"), Parameters());

        Assert.Equal(1, cache.Count);
    }

    /// <summary>The library's handler, counting the validations it is asked for.</summary>
    private sealed class CountingHandler : JsonWebTokenHandler
    {
        private int _validations;

        public CountingHandler() => MapInboundClaims = false;

        public int Validations => _validations;

        public override Task<TokenValidationResult> ValidateTokenAsync(string token, TokenValidationParameters validationParameters)
        {
            Interlocked.Increment(ref _validations);
            return base.ValidateTokenAsync(token, validationParameters);
        }
    }
}
