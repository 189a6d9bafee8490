namespace DeliberationBot.Teams.Tests.Infrastructure;

/// <summary>
/// Tests that measure the whole process's memory: they run alone, after the tests that run in parallel, so the hosts
/// and databases of other tests are not counted as their growth. (xunit reads collection definitions only from the
/// test assembly itself, so each test project that needs this defines it.)
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}
