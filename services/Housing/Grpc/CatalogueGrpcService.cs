using System.Data.Common;
using Grpc.Core;
using Microsoft.AspNetCore.Authorization;
using Platform.BuildingBlocks.Errors;
using Platform.BuildingBlocks.Security;
using Platform.Housing.Data;
using Platform.Housing.Domain;
using Platform.Housing.V1;

namespace Platform.Housing.Grpc;

/// <summary>
/// Providers → schemes → units. Catalogue data is not personal: it needs a housing role, not a
/// relationship with a person. Each change reaches the matching index as soon as it commits.
/// </summary>
[Authorize(Roles = HousingRoles.Readers)]
public sealed partial class CatalogueGrpcService(
    HousingDatabase database, CatalogueStore catalogue, VacancyStore vacancies, PlacementIndexLoader index, PlacementIndex placements,
    TimeProvider clock)
    : CatalogueService.CatalogueServiceBase
{
    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Provider> CreateProvider(CreateProviderRequest request, ServerCallContext context)
    {
        var row = NewRow(request.Name, request.Attributes, parentId: null);
        row.OwnerAgency = Caller.From(context).Agency;
        await database.InTransactionAsync((db, tx) => catalogue.InsertAsync(db, tx, CatalogueStore.Provider, row));
        return HousingViews.Provider(row);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Provider> UpdateProvider(UpdateProviderRequest request, ServerCallContext context)
    {
        var row = await UpdateAsync(context, CatalogueStore.Provider, request.ProviderId, "provider_id", request.Name, request.Attributes, request.ExpectedVersion);
        await index.ReloadProviderAsync(row.Id);
        return HousingViews.Provider(row);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Scheme> CreateScheme(CreateSchemeRequest request, ServerCallContext context)
    {
        var row = NewRow(request.Name, request.Attributes, request.ProviderId, "provider_id");
        await database.InTransactionAsync(async (db, tx) =>
        {
            await catalogue.EnsureKeeperAsync(db, tx, CatalogueStore.Provider, request.ProviderId, Caller.From(context));
            await catalogue.InsertAsync(db, tx, CatalogueStore.Scheme, row);
        });
        return HousingViews.Scheme(row);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Scheme> UpdateScheme(UpdateSchemeRequest request, ServerCallContext context)
    {
        var row = await UpdateAsync(context, CatalogueStore.Scheme, request.SchemeId, "scheme_id", request.Name, request.Attributes, request.ExpectedVersion);
        await index.ReloadSchemeAsync(row.Id);
        return HousingViews.Scheme(row);
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Unit> CreateUnit(CreateUnitRequest request, ServerCallContext context)
    {
        var row = NewRow(request.Name, request.Attributes, request.SchemeId, "scheme_id");
        var unit = await database.InTransactionAsync(async (db, tx) =>
        {
            await catalogue.EnsureKeeperAsync(db, tx, CatalogueStore.Scheme, request.SchemeId, Caller.From(context));
            await catalogue.InsertAsync(db, tx, CatalogueStore.Unit, row);
            return await ViewAsync(db, tx, row.Id);
        });
        await index.ReloadUnitsAsync(row.Id);
        return unit;
    }

    [Authorize(Roles = HousingRoles.Officers)]
    public override async Task<Unit> UpdateUnit(UpdateUnitRequest request, ServerCallContext context)
    {
        var row = await UpdateAsync(context, CatalogueStore.Unit, request.UnitId, "unit_id", request.Name, request.Attributes, request.ExpectedVersion);
        await index.ReloadUnitsAsync(row.Id);
        return await GetUnit(new GetUnitRequest { UnitId = row.Id }, context);
    }

    public override async Task<Unit> GetUnit(GetUnitRequest request, ServerCallContext context)
    {
        new Validator().RequiredId(request.UnitId, "unit_id").ThrowIfInvalid();
        await using var db = await database.OpenAsync(context.CancellationToken);
        return await ViewAsync(db, null, request.UnitId);
    }

    private async Task<Unit> ViewAsync(DbConnection db, DbTransaction? tx, string unitId)
    {
        var unit = await catalogue.GetAsync(db, tx, CatalogueStore.Unit, unitId);
        var scheme = await catalogue.GetAsync(db, tx, CatalogueStore.Scheme, unit.ParentId!);
        var provider = await catalogue.GetAsync(db, tx, CatalogueStore.Provider, scheme.ParentId!);
        var vacancy = await vacancies.LiveForUnitAsync(db, tx, unitId);
        var own = UnitEntries.Parse(unit.AttributesJson);
        return new Unit
        {
            UnitId = unit.Id, SchemeId = scheme.Id, ProviderId = provider.Id, Name = unit.Name, Attributes = own, Version = unit.Version,
            EffectiveAttributes = UnitEntries.Effective(UnitEntries.Parse(provider.AttributesJson), UnitEntries.Parse(scheme.AttributesJson), own),
            Vacancy = vacancy is null ? null : HousingViews.Vacancy(vacancy, clock.GetUtcNow()),
        };
    }

    private CatalogueRow NewRow(string name, PlacementAttributes? attributes, string? parentId, string parentField = "")
    {
        RequestValidation.NormaliseCodes(attributes);
        var validator = new Validator().Required(name, "name", RequestValidation.NameLength).Attributes(attributes, "attributes");
        if (parentId is not null)
        {
            validator.RequiredId(parentId, parentField);
        }
        validator.ThrowIfInvalid();
        return new CatalogueRow
        {
            Id = Guid.NewGuid().ToString(), ParentId = parentId, Name = name.Trim(), AttributesJson = UnitEntries.Format(attributes),
            Version = 1, UpdatedAt = clock.GetUtcNow(),
        };
    }

    private Task<CatalogueRow> UpdateAsync(ServerCallContext context, CatalogueLevel level, string id, string idField, string name, PlacementAttributes? attributes, long expectedVersion)
    {
        RequestValidation.NormaliseCodes(attributes);
        new Validator().RequiredId(id, idField).Required(name, "name", RequestValidation.NameLength)
            .Attributes(attributes, "attributes").Version(expectedVersion).ThrowIfInvalid();
        var row = new CatalogueRow { Id = id, Name = name.Trim(), AttributesJson = UnitEntries.Format(attributes), UpdatedAt = clock.GetUtcNow() };
        return database.InTransactionAsync(async (db, tx) =>
        {
            await catalogue.EnsureKeeperAsync(db, tx, level, id, Caller.From(context));
            await catalogue.UpdateAsync(db, tx, level, row, expectedVersion);
            return await catalogue.GetAsync(db, tx, level, id);
        });
    }
}
