using System.Runtime.InteropServices;

namespace LayerNas.Training;

/// <summary>
/// Keeps libtorch's activation buffers in glibc's heap instead of fresh memory maps. A training step allocates and
/// frees the same large tensors (a 64 × 48 × 28 × 28 float activation is 9.6 MB) again and again; glibc serves
/// blocks above its mmap threshold with a new <c>mmap</c> and returns them with <c>munmap</c>, so every such tensor
/// costs a page fault per 4 KiB touched. glibc raises that threshold on its own as large blocks are freed, but in
/// the .NET process it did not settle: the op-by-op forward and backward of the demo backbone took 107 ms with 0.79
/// million minor page faults against 70 ms with 0.07 million once the thresholds were fixed (measured on this 2-core
/// machine, docs/training.md). So before the first training the process's mmap threshold is set to glibc's largest
/// (32 MiB, the cap of glibc's own dynamic threshold) and the trim threshold to 256 MiB (free memory at the heap's
/// top is given back beyond that); setting only one of them makes it worse (it turns off glibc's adjustment). A
/// training on a thread of its own (every run of <see cref="Trainer.TrainAsync"/>) allocates from a per-thread arena
/// made of 64 MiB heaps, and glibc unmaps a heap as soon as it is wholly free whatever the trim threshold: a top pad
/// of 64 MiB keeps those heaps (0.43 against 0.10 million faults for 100 steps on a thread of its own).
/// Nothing is changed off glibc (Windows, macOS, musl), or when the user has configured the allocator
/// (<c>MALLOC_MMAP_THRESHOLD_</c>, <c>MALLOC_TRIM_THRESHOLD_</c>, <c>MALLOC_TOP_PAD_</c>, or <c>glibc.malloc.*</c> in
/// <c>GLIBC_TUNABLES</c>).
/// </summary>
internal static class NativeHeap
{
    private const int MmapThreshold = 32 << 20;
    private const int TrimThreshold = 256 << 20;
    private const int TopPad = 64 << 20;
    private const int M_TRIM_THRESHOLD = -1, M_TOP_PAD = -2, M_MMAP_THRESHOLD = -3;

    private static readonly Lazy<bool> Applied = new(Apply);

    /// <summary>Sets the thresholds and the top pad once per process; true when they were set.</summary>
    public static bool EnsureTuned() => Applied.Value;

    /// <summary>True when the environment already configures glibc's allocator (then it is left alone).</summary>
    internal static bool UserConfigured(Func<string, string?> environment) =>
        environment("MALLOC_MMAP_THRESHOLD_") is not null || environment("MALLOC_TRIM_THRESHOLD_") is not null
        || environment("MALLOC_TOP_PAD_") is not null
        || (environment("GLIBC_TUNABLES") ?? "").Contains("glibc.malloc.", StringComparison.Ordinal);

    private static bool Apply()
    {
        if (!OperatingSystem.IsLinux() || UserConfigured(Environment.GetEnvironmentVariable)) return false;
        try
        {
            // All three: with only one threshold set, glibc stops adjusting the other.
            return Mallopt(M_MMAP_THRESHOLD, MmapThreshold) == 1 && Mallopt(M_TRIM_THRESHOLD, TrimThreshold) == 1
                && Mallopt(M_TOP_PAD, TopPad) == 1;
        }
        catch (Exception e) when (e is DllNotFoundException or EntryPointNotFoundException)
        {
            return false; // not glibc
        }
    }

    [DllImport("libc", EntryPoint = "mallopt")]
    private static extern int Mallopt(int param, int value);
}
