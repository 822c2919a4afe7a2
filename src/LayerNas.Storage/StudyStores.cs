using LayerNas.Studies;

namespace LayerNas.Storage;

/// <summary>Opens the store a <c>--storage</c> text names, creating or migrating its schema.</summary>
public static class StudyStores
{
    /// <summary>
    /// Opens <paramref name="storage"/> (see <see cref="StorageLocation"/>). An unreachable or unusable database
    /// is a <see cref="UserInputException"/> whose message names the store without its password.
    /// </summary>
    public static Task<IStudyStore> OpenAsync(string? storage, CancellationToken cancellationToken) => OpenAsync(storage, null, cancellationToken);

    /// <summary>
    /// Opens <paramref name="storage"/> for commands that only read (list, show, report, export): null when it is a
    /// SQLite file that does not exist, which is not created (a read must not leave a database behind).
    /// </summary>
    public static async Task<IStudyStore?> OpenExistingAsync(string? storage, CancellationToken cancellationToken)
    {
        var location = StorageLocation.Parse(storage);
        if (location.Kind == StorageKind.Sqlite && !File.Exists(location.Target)) return null;
        return await OpenAsync(storage, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Opens <paramref name="storage"/> with <paramref name="time"/> as the store's clock (tests).</summary>
    public static async Task<IStudyStore> OpenAsync(string? storage, TimeProvider? time, CancellationToken cancellationToken)
    {
        var location = StorageLocation.Parse(storage);
        return location.Kind switch
        {
            StorageKind.Memory => new InMemoryStudyStore(time),
            StorageKind.Sqlite => await SqliteStudyStore.OpenAsync(location.Target, time, cancellationToken).ConfigureAwait(false),
            _ => await PostgresStudyStore.OpenAsync(location.Target, cancellationToken).ConfigureAwait(false),
        };
    }
}
