using LayerNas.Studies;

namespace LayerNas.Storage.Tests;

/// <summary>The store contract against the in-memory store (one instance plays every process).</summary>
public sealed class InMemoryStudyStoreTests : StudyStoreContract
{
    private readonly InMemoryStudyStore _store = new();

    protected override Task<IStudyStore> OpenAsync() => Task.FromResult<IStudyStore>(_store);
}
