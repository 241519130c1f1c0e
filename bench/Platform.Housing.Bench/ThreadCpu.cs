using System.Runtime.InteropServices;

namespace Platform.Housing.Bench;

/// <summary>
/// CPU time of the calling thread (Linux clock_gettime CLOCK_THREAD_CPUTIME_ID, nanosecond
/// resolution). On a machine shared with other work, wall time includes waiting for a CPU; this is
/// the work alone.
/// </summary>
internal static partial class ThreadCpu
{
    private const int ClockThreadCpuTime = 3;

    public static bool Available => OperatingSystem.IsLinux();

    public static double Milliseconds()
    {
        if (!Available || ClockGetTime(ClockThreadCpuTime, out var time) != 0)
        {
            return double.NaN;
        }
        return (time.Seconds * 1000.0) + (time.Nanoseconds / 1_000_000.0);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int ClockGetTime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}
