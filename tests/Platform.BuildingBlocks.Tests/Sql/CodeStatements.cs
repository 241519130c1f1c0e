using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using Platform.BuildingBlocks.Data;
using Platform.BuildingBlocks.Data.Migrations;
using Platform.Engagement;
using Platform.Housing;
using Platform.Registry;
using Platform.Safeguarding;

namespace Platform.BuildingBlocks.Tests.Sql;

/// <summary>
/// Every SQL statement the code runs, found by reflection over the building blocks and every
/// service assembly: string constants that start with SELECT, INSERT, UPDATE, DELETE or WITH, static
/// methods that build a statement for a dialect, and those that also take counts (how many name
/// tokens to intersect), called with a few counts. Keyed by source, e.g. <c>PersonStore.InsertPerson</c>.
/// </summary>
public static partial class CodeStatements
{
    /// <summary>The building blocks first: their statements run against every service's database.</summary>
    public static readonly IReadOnlyList<Assembly> Assemblies =
        [typeof(MigrationRunner).Assembly, typeof(RegistryDatabase).Assembly, typeof(EngagementDatabase).Assembly,
         typeof(HousingDatabase).Assembly, typeof(SafeguardingDatabase).Assembly];

    private static readonly int[] Counts = [1, 2, 3];

    private static readonly Lazy<IReadOnlyDictionary<string, Func<SqlDialect, string>>> Found = new(Discover);

    private static readonly Dictionary<string, Assembly> Owner = new(StringComparer.Ordinal);

    /// <summary>Source name → the statement in the given dialect (constants are the same in both).</summary>
    public static IReadOnlyDictionary<string, Func<SqlDialect, string>> All => Found.Value;

    /// <summary>The assembly whose database schema a statement runs against.</summary>
    public static Assembly OwnerOf(string source) => All.ContainsKey(source) ? Owner[source] : throw new KeyNotFoundException(source);

    private static Dictionary<string, Func<SqlDialect, string>> Discover()
    {
        var found = new Dictionary<string, Func<SqlDialect, string>>(StringComparer.Ordinal);
        foreach (var type in Assemblies.SelectMany(a => a.GetTypes()).Where(t => !t.IsDefined(typeof(CompilerGeneratedAttribute), false)))
        {
            const BindingFlags Declared = BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;
            foreach (var field in type.GetFields(Declared).Where(f => f is { IsLiteral: true, FieldType: var t } && t == typeof(string)))
            {
                if (field.GetRawConstantValue() is string sql && StartsLikeAStatement().IsMatch(sql.TrimStart()))
                {
                    Add(found, type, $"{Name(type)}.{field.Name}", _ => sql);
                }
            }
            foreach (var method in type.GetMethods(Declared).Where(IsStatementBuilder))
            {
                var closed = Close(type, method);
                var counts = method.GetParameters().Count(p => p.ParameterType == typeof(int));
                if (counts == 0)
                {
                    Add(found, type, $"{Name(type)}.{method.Name}", dialect => (string)closed.Invoke(null, [dialect])!);
                    continue;
                }
                foreach (var count in Counts)
                {
                    var args = method.GetParameters().Select(p => p.ParameterType == typeof(int) ? (object)count : null).ToArray();
                    Add(found, type, $"{Name(type)}.{method.Name}({count})", dialect =>
                    {
                        var call = (object?[])args.Clone();
                        call[Array.FindIndex(closed.GetParameters(), p => p.ParameterType == typeof(SqlDialect))] = dialect;
                        return (string)closed.Invoke(null, call)!;
                    });
                }
            }
        }
        return found;
    }

    private static bool IsStatementBuilder(MethodInfo method)
    {
        if (method.ReturnType != typeof(string) || method.IsGenericMethodDefinition || method.IsSpecialName
            || method.IsDefined(typeof(CompilerGeneratedAttribute), false) || method.Name.Contains('<', StringComparison.Ordinal))
        {
            return false;
        }
        var parameters = method.GetParameters();
        return parameters.Count(p => p.ParameterType == typeof(SqlDialect)) == 1
            && parameters.All(p => p.ParameterType == typeof(SqlDialect) || p.ParameterType == typeof(int));
    }

    /// <summary>A static method of a generic type (the outbox dispatcher) is called on the type closed over its constraints.</summary>
    private static MethodInfo Close(Type type, MethodInfo method)
    {
        if (!type.IsGenericTypeDefinition)
        {
            return method;
        }
        var arguments = type.GetGenericArguments()
            .Select(p => p.GetGenericParameterConstraints().FirstOrDefault(c => c.IsClass) ?? typeof(object))
            .ToArray();
        var closed = type.MakeGenericType(arguments);
        return closed.GetMethod(method.Name, BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly,
            method.GetParameters().Select(p => p.ParameterType).ToArray())!;
    }

    private static string Name(Type type)
    {
        var name = type.IsGenericType ? type.Name[..type.Name.IndexOf('`', StringComparison.Ordinal)] : type.Name;
        return type.DeclaringType is null ? name : $"{Name(type.DeclaringType)}.{name}";
    }

    private static void Add(Dictionary<string, Func<SqlDialect, string>> found, Type type, string source, Func<SqlDialect, string> statement)
    {
        if (!found.TryAdd(source, statement))
        {
            throw new InvalidOperationException($"Two statements are both named {source}; name them apart.");
        }
        Owner[source] = type.Assembly;
    }

    [GeneratedRegex(@"^(SELECT|INSERT|UPDATE|DELETE|WITH)\b")]
    private static partial Regex StartsLikeAStatement();
}
