namespace DeliberationBot.Tests.Shared;

/// <summary>
/// Tests that measure the whole process's memory: they run alone, after the tests that run in parallel, so the hosts,
/// databases and browsers of other tests are not counted as their growth.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class ProcessMemoryCollection
{
    public const string Name = "Process memory";
}
