// libtorch's random generator and thread count are process-wide: tests that check same-seed determinism must not
// share the process with tests drawing random numbers at the same time.
[assembly: CollectionBehavior(DisableTestParallelization = true)]
