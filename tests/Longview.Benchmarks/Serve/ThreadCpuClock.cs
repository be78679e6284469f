using System.Runtime.InteropServices;

namespace Longview.Benchmarks.Serve;

/// <summary>
/// CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID, about a microsecond per read): unlike wall time it
/// does not grow when other processes preempt the thread, which on a shared 2-core machine is most of the noise.
/// </summary>
internal static class ThreadCpuClock
{
    private const int ThreadCpuTimeId = 3;

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    [DllImport("libc", EntryPoint = "clock_gettime")]
    private static extern int ClockGetTime(int clock, out TimeSpec time);

    /// <summary>Nanoseconds of CPU this thread has used; 0 where libc has no such clock.</summary>
    public static long Nanoseconds()
    {
        try
        {
            return ClockGetTime(ThreadCpuTimeId, out var t) == 0 ? t.Seconds * 1_000_000_000 + t.Nanoseconds : 0;
        }
        catch (DllNotFoundException)
        {
            return 0;
        }
    }
}
