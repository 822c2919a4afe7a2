namespace LayerNas.Storage;

/// <summary>The kinds of study store.</summary>
public enum StorageKind
{
    /// <summary>In this process only; gone when it exits.</summary>
    Memory,

    /// <summary>A SQLite file: persistent, shared by the processes of one machine.</summary>
    Sqlite,

    /// <summary>A PostgreSQL database: shared by workers on many machines.</summary>
    Postgres,
}
