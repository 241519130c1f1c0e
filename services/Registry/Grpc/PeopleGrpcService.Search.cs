using System.Globalization;
using System.Text;
using Grpc.Core;
using Platform.BuildingBlocks.Audit;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Registry.Data;
using Platform.Registry.Domain;
using Platform.Registry.V1;

namespace Platform.Registry.Grpc;

public sealed partial class PeopleGrpcService
{
    private const int DefaultPageSize = 20;
    private const int MaxPageSize = 100;

    public override async Task<SearchPersonsResponse> SearchPersons(SearchPersonsRequest request, ServerCallContext context)
    {
        var caller = Caller.From(context);
        var (offset, pageSize) = ValidateSearch(request);
        BreakGlass.RefuseForManyPeople(context);
        return await database.InTransactionAsync(async (db, tx) =>
        {
            var nhs = NhsNumber.Normalise(request.NhsNumber);
            var query = new PersonSearch.Query(
                request.Name.Trim(),
                DatesOfBirth.FromApi(request.DateOfBirth),
                nhs.Length > 0 ? await people.NhsOwnerAsync(db, tx, nhs) : null,
                request.Identifier is { Value.Length: > 0 } id ? await people.IdentifierOwnerAsync(db, tx, id.Agency.Trim().ToLowerInvariant(), id.Value.Trim()) : null,
                ByNhs: nhs.Length > 0,
                ByIdentifier: request.Identifier is { Value.Length: > 0 },
                Area: string.IsNullOrWhiteSpace(request.LocalAuthority) ? null : GssCode.Normalise(request.LocalAuthority));
            var hits = await search.SearchAsync(db, tx, caller, query);
            var page = hits.Skip(offset).Take(pageSize).ToList();

            var response = new SearchPersonsResponse
            {
                NextPageToken = offset + pageSize < hits.Count ? PageToken(request, offset + pageSize) : "",
            };
            // Not persons.current_area: that holds the area of a confidential address too, which only
            // the agencies the address names may learn, here as on the person's record.
            var areas = await views.CurrentAreasAsync(db, tx, page.Select(hit => hit.Row.PersonId).ToList(), caller);
            foreach (var hit in page)
            {
                var match = new PersonMatch
                {
                    PersonId = hit.Row.PersonId, DisplayName = hit.Row.DisplayName, Score = hit.Score,
                    DateOfBirth = DatesOfBirth.ToApi(hit.Row.DobYear, hit.Row.DobMonth, hit.Row.DobDay),
                    LocalAuthority = areas[hit.Row.PersonId],
                };
                match.Reasons.AddRange(hit.Reasons);
                response.Matches.Add(match);
            }
            // Names and dates of birth were disclosed: audit each person shown.
            await AuditLog.WriteAsync(db, tx, page.Select(hit => guard.Entry(caller, "person.search", hit.Row.PersonId, "Relationship", null)));
            return response;
        }, context.CancellationToken);
    }

    public override Task<FindDuplicatesResponse> FindDuplicates(FindDuplicatesRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.PersonId, "person_id").ThrowIfInvalid();
        // The candidates are other people: one reason cannot open them all.
        BreakGlass.RefuseForManyPeople(context);
        return guard.ReadAsync(context, request.PersonId, "person.duplicates", async (db, tx) =>
        {
            var survivor = await people.ResolveAsync(db, tx, request.PersonId);
            var group = await links.GroupAsync(db, tx, survivor.PersonId);
            var excluded = new HashSet<string>(group, StringComparer.Ordinal);
            excluded.UnionWith(await links.UnlinkedPartnersAsync(db, tx, group));
            var response = new FindDuplicatesResponse();
            var living = await addresses.OpenCurrentAsync(db, tx, [survivor.PersonId]);
            response.PotentialDuplicates.AddRange(await duplicates.FindAsync(db, tx, survivor.Details(), living.GetValueOrDefault(survivor.PersonId),
                excluded, Caller.From(context)));
            return response;
        });
    }

    private (int Offset, int PageSize) ValidateSearch(SearchPersonsRequest request)
    {
        var v = new Validator()
            .MaxLength(request.Name, "name", 200)
            .Check(request.PageSize is >= 0 and <= MaxPageSize, "page_size", $"must be between 0 and {MaxPageSize}");
        var hasCriterion = request.Name.Trim().Length > 0 || request.DateOfBirth is { Year: > 0 }
            || request.NhsNumber.Length > 0 || request.Identifier is { Value.Length: > 0 } || request.LocalAuthority.Length > 0;
        v.Check(hasCriterion, "name", "give at least one of name, date_of_birth, nhs_number, identifier or local_authority");
        v.Check(request.Name.Trim().Length == 0 || Domain.Names.NameNormaliser.Tokens(request.Name).Count > 0, "name", "must contain letters");
        PersonValidation.DateOfBirth(v, request.DateOfBirth, "date_of_birth", DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        v.Check(request.NhsNumber.Length == 0 || NhsNumber.IsValid(request.NhsNumber), "nhs_number",
            "must be 10 digits with a valid modulus-11 check digit");
        if (request.Identifier is { } id && (id.Agency.Length > 0 || id.Value.Length > 0))
        {
            v.Required(id.Agency, "identifier.agency", PersonValidation.NameLength).Required(id.Value, "identifier.value", PersonValidation.NameLength);
        }
        v.Check(request.LocalAuthority.Length == 0 || GssCode.IsValid(GssCode.Normalise(request.LocalAuthority)), "local_authority",
            "must be a GSS code, e.g. E06000025");
        var offset = 0;
        v.Check(request.PageToken.Length == 0 || TryReadPageToken(request, out offset), "page_token", "is not a token this service issued for this search");
        v.ThrowIfInvalid();
        return (offset, request.PageSize == 0 ? DefaultPageSize : request.PageSize);
    }

    /// <summary>
    /// A page token is the offset into the ranked list, bound to the search it came from so that it
    /// cannot be replayed against another (the criteria, not the page size, make the search).
    /// </summary>
    private static string PageToken(SearchPersonsRequest request, int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes($"o:{offset}:{Fingerprint(request)}"));

    private static bool TryReadPageToken(SearchPersonsRequest request, out int offset)
    {
        offset = 0;
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(request.PageToken)).Split(':');
            return parts.Length == 3 && parts[0] == "o" && parts[2] == Fingerprint(request)
                && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private static string Fingerprint(SearchPersonsRequest request)
    {
        var criteria = request.Clone();
        criteria.PageSize = 0;
        criteria.PageToken = "";
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Google.Protobuf.MessageExtensions.ToByteArray(criteria)), 0, 8);
    }
}
