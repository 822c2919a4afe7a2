using System.Globalization;
using TorchSharp;

namespace LayerNas.Training.Tests;

public class NativeHeapTests
{
    [Fact]
    public void UserConfigured_AnyMallocSettingOfTheUser_LeavesTheAllocatorAlone()
    {
        Assert.False(NativeHeap.UserConfigured(_ => null));
        Assert.False(NativeHeap.UserConfigured(n => n == "GLIBC_TUNABLES" ? "glibc.rtld.nns=2" : null));
        foreach (var name in new[] { "MALLOC_MMAP_THRESHOLD_", "MALLOC_TRIM_THRESHOLD_", "MALLOC_TOP_PAD_" })
            Assert.True(NativeHeap.UserConfigured(n => n == name ? "1048576" : null), name);
        Assert.True(NativeHeap.UserConfigured(n => n == "GLIBC_TUNABLES" ? "glibc.rtld.nns=2:glibc.malloc.arena_max=1" : null));
    }

    // A training step's activations (here 24 tensors of 8 MiB, 192 MiB together) are allocated and freed again on a
    // thread of its own, as Trainer.TrainAsync runs. Tuned, the third round reuses the heap's pages; with glibc's own
    // thresholds every round gives the memory back and faults it in again. Asserts run on the test's thread.
    [Fact]
    public void EnsureTuned_ActivationsFreedAndAllocatedAgainOnAThread_ReuseTheHeapWithoutPageFaults()
    {
        if (!OperatingSystem.IsLinux() || NativeHeap.UserConfigured(Environment.GetEnvironmentVariable)) return;
        long faults = -1;
        bool tuned = false;
        var thread = new Thread(() =>
        {
            tuned = NativeHeap.EnsureTuned();
            for (int round = 0; round < 3; round++)
            {
                long before = MinorFaultsOfThisThread();
                var tensors = Enumerable.Range(0, 24).Select(_ => torch.ones(2L << 20)).ToList();
                foreach (var t in tensors) t.Dispose();
                faults = MinorFaultsOfThisThread() - before;
            }
        });
        thread.Start();
        thread.Join();

        Assert.True(tuned);
        long pages = 24L * (8 << 20) / 4096;
        Assert.True(faults >= 0 && faults < pages / 10, $"{faults} minor page faults in the third round ({pages} pages allocated)");
    }

    // /proc/thread-self/stat: field 10 is the thread's minor faults (fields after the command name in parentheses).
    private static long MinorFaultsOfThisThread()
    {
        var stat = File.ReadAllText("/proc/thread-self/stat");
        var fields = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
        return long.Parse(fields[7], CultureInfo.InvariantCulture);
    }
}
