using System.Data.Common;
using Grpc.Core;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.BuildingBlocks.Validation;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>
/// Browsing the catalogue: providers and schemes from the database; units from the matching index,
/// which already holds every unit's effective attributes and live vacancy, so filtering by area,
/// type and vacancy needs no attribute JSON read per unit.
/// </summary>
public sealed partial class CatalogueGrpcService
{
    public override async Task<ListProvidersResponse> ListProviders(ListProvidersRequest request, ServerCallContext context)
    {
        var v = new Validator();
        var (size, after) = CataloguePage.Read(v, request.PageSize, request.PageToken);
        v.ThrowIfInvalid();
        await using var db = await database.OpenAsync(context.CancellationToken);
        var rows = await catalogue.PageAsync(db, CatalogueStore.Provider, null, after?.Name, after?.Id, size + 1);
        var response = new ListProvidersResponse { NextPageToken = NextToken(rows, size) };
        response.Providers.AddRange(rows.Take(size).Select(HousingViews.Provider));
        return response;
    }

    public override async Task<ListSchemesResponse> ListSchemes(ListSchemesRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.ProviderId, "provider_id");
        var (size, after) = CataloguePage.Read(v, request.PageSize, request.PageToken);
        v.ThrowIfInvalid();
        await using var db = await database.OpenAsync(context.CancellationToken);
        await catalogue.GetAsync(db, null, CatalogueStore.Provider, request.ProviderId);
        var rows = await catalogue.PageAsync(db, CatalogueStore.Scheme, request.ProviderId, after?.Name, after?.Id, size + 1);
        var response = new ListSchemesResponse { NextPageToken = NextToken(rows, size) };
        response.Schemes.AddRange(rows.Take(size).Select(HousingViews.Scheme));
        return response;
    }

    public override async Task<ListUnitsResponse> ListUnits(ListUnitsRequest request, ServerCallContext context)
    {
        var area = GssCode.Normalise(request.LocalAuthority) ?? "";
        var v = new Validator()
            .Check(request.LocalAuthority.Length == 0 || GssCode.IsValid(area), "local_authority", RequestValidation.GssMessage)
            .Check(Enum.IsDefined(request.Type), "type", $"has unknown value {(int)request.Type}")
            .Check(Enum.IsDefined(request.Vacancy), "vacancy", $"has unknown value {(int)request.Vacancy}");
        var (size, after) = CataloguePage.Read(v, request.PageSize, request.PageToken);
        v.ThrowIfInvalid();
        await using var db = await database.OpenAsync(context.CancellationToken);
        if (request.SchemeId.Length > 0)
        {
            await catalogue.GetAsync(db, null, CatalogueStore.Scheme, request.SchemeId);
        }
        if (request.ProviderId.Length > 0)
        {
            await catalogue.GetAsync(db, null, CatalogueStore.Provider, request.ProviderId);
        }
        var page = Select(request, area, after, size + 1);
        var response = new ListUnitsResponse
        {
            NextPageToken = page.Count > size ? CataloguePage.Token(page[size - 1].Name, page[size - 1].UnitId) : "",
        };
        foreach (var entry in page.Take(size))
        {
            response.Units.Add(await ViewAsync(db, null, entry.UnitId));
        }
        return response;
    }

    private List<UnitEntry> Select(ListUnitsRequest request, string area, CataloguePage.Position? after, int take)
    {
        var kind = (PlacementKind)(int)request.Type;
        var found = new List<UnitEntry>();
        foreach (var unit in placements.Units)
        {
            if ((request.SchemeId.Length == 0 || unit.SchemeId == request.SchemeId)
                && (request.ProviderId.Length == 0 || unit.ProviderId == request.ProviderId)
                && (area.Length == 0 || unit.LocalAuthority == area)
                && (request.Type == PlacementType.Unspecified || unit.Kind == kind)
                && request.Vacancy switch
                {
                    VacancyFilter.WithVacancy => unit.Vacancy is not null,
                    VacancyFilter.WithoutVacancy => unit.Vacancy is null,
                    _ => true,
                }
                && (after is null || Compare(unit, after.Name, after.Id) > 0))
            {
                found.Add(unit);
            }
        }
        found.Sort((a, b) => Compare(a, b.Name, b.UnitId));
        return found.Count > take ? found.GetRange(0, take) : found;
    }

    private static int Compare(UnitEntry unit, string name, string id)
    {
        var byName = string.CompareOrdinal(unit.Name, name);
        return byName != 0 ? byName : string.CompareOrdinal(unit.UnitId, id);
    }

    private static string NextToken(IReadOnlyList<CatalogueRow> rows, int size) =>
        rows.Count > size ? CataloguePage.Token(rows[size - 1].Name, rows[size - 1].Id) : "";

    [Microsoft.AspNetCore.Authorization.Authorize(Roles = HousingRoles.Officers)]
    public override async Task<CreateUnitsResponse> CreateUnits(CreateUnitsRequest request, ServerCallContext context)
    {
        var v = new Validator().RequiredId(request.SchemeId, "scheme_id")
            .Check(request.Units.Count is > 0 and <= MaxBatch, "units", $"must list between 1 and {MaxBatch} units");
        var rows = new List<CatalogueRow>(request.Units.Count);
        for (var i = 0; i < request.Units.Count && i < MaxBatch; i++)
        {
            var unit = request.Units[i];
            RequestValidation.NormaliseCodes(unit.Attributes);
            v.Required(unit.Name, $"units[{i}].name", RequestValidation.NameLength).Attributes(unit.Attributes, $"units[{i}].attributes");
            rows.Add(new CatalogueRow
            {
                Id = Guid.NewGuid().ToString(), ParentId = request.SchemeId, Name = unit.Name.Trim(),
                AttributesJson = UnitEntries.Format(unit.Attributes), Version = 1, UpdatedAt = clock.GetUtcNow(),
            });
        }
        v.ThrowIfInvalid();
        await database.InTransactionAsync(async (db, tx) =>
        {
            await catalogue.EnsureKeeperAsync(db, tx, CatalogueStore.Scheme, request.SchemeId, Caller.From(context));
            foreach (var row in rows)
            {
                await catalogue.InsertAsync(db, tx, CatalogueStore.Unit, row);
            }
        });
        await index.ReloadUnitsAsync([.. rows.Select(r => r.Id)]);
        var response = new CreateUnitsResponse();
        await using var read = await database.OpenAsync(context.CancellationToken);
        foreach (var row in rows)
        {
            response.Units.Add(await ViewAsync(read, null, row.Id));
        }
        return response;
    }

    /// <summary>Units in one batch: a catalogue of a few hundred loads in a call or two, and one transaction stays short.</summary>
    public const int MaxBatch = 500;
}
