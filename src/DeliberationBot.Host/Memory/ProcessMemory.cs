using System.Runtime.InteropServices;

namespace DeliberationBot.Host.Memory;

/// <summary>Hands the memory a burst left behind back to the operating system.</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// A full, compacting collection that also releases the GC's free regions (<see cref="GCCollectionMode.Aggressive"/>);
    /// then, on glibc, the native heap's freed pages (SQLite's and the runtime's allocations) with <c>malloc_trim</c>.
    /// Both otherwise keep what a burst used for the next one: after the load runs, the GC heap held about twice its
    /// live objects and the native heap a third more than before (tests/DeliberationBot.Benchmarks/results/startup-memory.md).
    /// </summary>
    public static void Trim()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        if (OperatingSystem.IsLinux())
        {
            try
            {
                _ = MallocTrim(0);
            }
            catch (EntryPointNotFoundException)
            {
                // Not glibc (e.g. musl): its allocator gives memory back by itself.
            }
            catch (DllNotFoundException)
            {
            }
        }
    }

    // Plain values in and out, so no marshalling code is generated and the project needs no unsafe code.
    [DllImport("libc", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
