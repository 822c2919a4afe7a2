namespace LayerNas.Cli.Progress;

/// <summary>How a long-running command shows its progress.</summary>
public enum ProgressMode
{
    /// <summary>A live panel when stdout and stderr are terminals, plain lines otherwise.</summary>
    Auto,

    /// <summary>A live Spectre.Console panel, redrawn in place.</summary>
    Live,

    /// <summary>One line of text now and then (new best, new layer, or every few seconds): good for logs.</summary>
    Plain,

    /// <summary>One JSON object per line after each finished trial: for machines.</summary>
    Json,

    /// <summary>Nothing.</summary>
    Quiet,
}
