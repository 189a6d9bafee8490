using System.Runtime.InteropServices;

namespace DeliberationBot.Host.Memory;

/// <summary>Hands the memory a burst left behind back to the operating system.</summary>
internal static class ProcessMemory
{
    /// <summary>
    /// A full, compacting collection that also releases the GC's free regions (<see cref="GCCollectionMode.Aggressive"/>);
    /// then, on glibc, the native heap's freed pages (SQLite's and the runtime's allocations). Both otherwise keep what a
    /// burst used for the next one: after the load runs, the GC heap held about twice its live objects and the native
    /// heap a third more than before (tests/DeliberationBot.Benchmarks/results/startup-memory.md).
    /// </summary>
    public static void Trim()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>
    /// glibc's <c>malloc_trim(0)</c>: returns the free pages of every arena. False where there is no glibc (Windows,
    /// macOS, musl), whose allocators give memory back by themselves.
    /// </summary>
    public static bool TrimNativeHeap()
    {
        if (!OperatingSystem.IsLinux())
        {
            return false;
        }

        try
        {
            _ = MallocTrim(0);
            return true;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            return false;
        }
    }

    // glibc by its soname, which every glibc system has; elsewhere the call reports false. Plain values in and out, so
    // no marshalling code is generated and no unsafe code is needed.
    [DllImport("libc.so.6", EntryPoint = "malloc_trim", ExactSpelling = true)]
    [DefaultDllImportSearchPaths(DllImportSearchPath.SafeDirectories)]
    private static extern int MallocTrim(nuint pad);
}
