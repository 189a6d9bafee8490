using System.Reflection;
using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using DeliberationBot.Core.Deliberations;
using DeliberationBot.Core.Messaging;

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
        var offenders = Offenders(adapter, typeof(IDeliberationStore));

        Assert.True(offenders.Count == 0, $"{adapter} types that depend on {nameof(IDeliberationStore)}: {string.Join(", ", offenders)}");
    }

    [Theory]
    [MemberData(nameof(Adapters))]
    public void No_adapter_code_so_much_as_names_the_deliberation_store(string adapter)
    {
        // Catches what member signatures don't show: a local resolved from a service provider, a call through a helper.
        Assert.DoesNotContain(typeof(IDeliberationStore).FullName, NamedTypes(adapter));
    }

    /// <summary>Sent messages are Core's too: an adapter asks a Core service (e.g. CardThreads), never the outbox store.</summary>
    [Theory]
    [MemberData(nameof(Adapters))]
    public void No_adapter_type_or_code_depends_on_the_outbox_store(string adapter)
    {
        var offenders = Offenders(adapter, typeof(IOutboxStore));

        Assert.True(offenders.Count == 0, $"{adapter} types that depend on {nameof(IOutboxStore)}: {string.Join(", ", offenders)}");
        Assert.DoesNotContain(typeof(IOutboxStore).FullName, NamedTypes(adapter));
    }

    [Fact]
    public void The_check_finds_a_type_that_takes_the_store()
    {
        Assert.True(DependsOn(typeof(TurnSupport), typeof(IDeliberationStore)));
        Assert.False(DependsOn(typeof(AnsweringService), typeof(IDeliberationStore)));
        Assert.True(DependsOn(typeof(CardThreads), typeof(IOutboxStore)));
        Assert.False(DependsOn(typeof(ThreadAnswering), typeof(IOutboxStore)));
    }

    private static List<string?> Offenders(string adapter, Type port) =>
        Assembly.Load(adapter).GetTypes().Where(t => DependsOn(t, port)).Select(t => t.FullName).ToList();

    private static IEnumerable<string> NamedTypes(string adapter)
    {
        using var pe = new PEReader(File.OpenRead(Assembly.Load(adapter).Location));
        var reader = pe.GetMetadataReader();
        return reader.TypeReferences.Select(h => reader.GetTypeReference(h))
            .Select(r => reader.GetString(r.Namespace) + "." + reader.GetString(r.Name)).ToList();
    }

    private static bool DependsOn(Type type, Type port)
    {
        var members = type.GetFields(Everything).Select(f => f.FieldType)
            .Concat(type.GetProperties(Everything).Select(p => p.PropertyType))
            .Concat(type.GetConstructors(Everything).SelectMany(c => c.GetParameters()).Select(p => p.ParameterType))
            .Concat(type.GetMethods(Everything).SelectMany(m => m.GetParameters().Select(p => p.ParameterType).Append(m.ReturnType)))
            .Concat(type.GetInterfaces())
            .Append(type.BaseType);
        return members.Any(m => Mentions(m, port));
    }

    private static bool Mentions(Type? type, Type port) =>
        type is not null && (type == port
                             || (type.HasElementType && Mentions(type.GetElementType(), port))
                             || (type.IsGenericType && type.GetGenericArguments().Any(a => Mentions(a, port))));
}
