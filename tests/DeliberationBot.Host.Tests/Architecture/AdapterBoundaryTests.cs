using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DeliberationBot.Core.Deliberations;

namespace DeliberationBot.Host.Tests.Architecture;

/// <summary>The channel adapters translate and render only: every read and write of the record goes through Core's services.</summary>
public sealed class AdapterBoundaryTests
{
    public static TheoryData<string> Adapters => ["DeliberationBot.Slack", "DeliberationBot.Teams"];

    private const BindingFlags Everything = BindingFlags.Instance | BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly;

    [Theory]
    [MemberData(nameof(Adapters))]
    public void No_adapter_type_holds_or_takes_the_deliberation_store(string adapter)
    {
        var offenders = Assembly.Load(adapter).GetTypes().Where(DependsOnStore).Select(t => t.FullName).ToList();

        Assert.True(offenders.Count == 0, $"{adapter} types that depend on {nameof(IDeliberationStore)}: {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void No_adapter_code_so_much_as_names_the_deliberation_store(string adapter)
    {
        // Catches what member signatures don't show: a local resolved from a service provider, a call through a helper.
        using var pe = new PEReader(File.OpenRead(Assembly.Load(adapter).Location));
        var reader = pe.GetMetadataReader();
        var named = reader.TypeReferences.Select(h => reader.GetTypeReference(h))
            .Select(r => reader.GetString(r.Namespace) + "." + reader.GetString(r.Name));

        Assert.DoesNotContain(typeof(IDeliberationStore).FullName, named);
    }

    [Fact]
    public void The_check_finds_a_type_that_takes_the_store()
    {
        Assert.True(DependsOnStore(typeof(TurnSupport)));
        Assert.False(DependsOnStore(typeof(AnsweringService)));
    }

    private static bool DependsOnStore(Type type)
    {
        var members = type.GetFields(Everything).Select(f => f.FieldType)
            .Concat(type.GetProperties(Everything).Select(p => p.PropertyType))
            .Concat(type.GetConstructors(Everything).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
            .Concat(type.GetMethods(Everything).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetInterfaces())
            .Append(type.BaseType);
        return members.Any(Mentions);
    }

    private static bool Mentions(Type? type) =>
        type is not null && (type == typeof(IDeliberationStore)
                             || (type.HasElementType && Mentions(type.GetElementType()))
                             || (type.IsGenericType && type.GetGenericArguments().Any(Mentions)));
}
