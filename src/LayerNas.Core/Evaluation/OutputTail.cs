using System.Text;

namespace LayerNas.Evaluation;

/// <summary>
/// Copies a trainer's output stream to its log file as it comes and keeps in memory only the last non-blank
/// line (at most <see cref="MaxLine"/> characters of it), so a trainer printing gigabytes, or one endless line,
/// costs a bounded amount of memory. Decodes UTF-8 whatever the first bytes are (a byte-order mark does not
/// switch it to UTF-16).
/// </summary>
internal sealed class OutputTail
{
    /// <summary>Longest line kept, in characters; a longer last line is reported as such (the whole of it is in the log).</summary>
    public const int MaxLine = 1 << 20;

    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);
    private readonly StringBuilder _line = new();
    private bool _lineTooLong;
    private string? _last;
    private bool _lastTooLong;

    public OutputTail(Stream stream, string logPath)
    {
        Completion = Task.Run(() => PumpAsync(stream, logPath));
    }

    /// <summary>Ends when the stream is closed (every writer of the pipe exited).</summary>
    public Task Completion { get; }

    /// <summary>The last complete non-blank line read so far (the line in progress counts once the stream ended).</summary>
    public string? LastLine
    {
        get { lock (_line) return _last; }
    }

    /// <summary>True when the last non-blank line was longer than <see cref="MaxLine"/>.</summary>
    public bool LastLineTooLong
    {
        get { lock (_line) return _lastTooLong; }
    }

    private async Task PumpAsync(Stream stream, string logPath)
    {
        using var reader = new StreamReader(stream, Utf8, detectEncodingFromByteOrderMarks: false);
        await using var log = new StreamWriter(logPath, append: false, Utf8);
        var buffer = new char[8192];
        int n;
        while ((n = await reader.ReadAsync(buffer).ConfigureAwait(false)) > 0)
        {
            await log.WriteAsync(buffer.AsMemory(0, n)).ConfigureAwait(false);
            lock (_line)
                for (int i = 0; i < n; i++)
                {
                    if (buffer[i] == '\n') EndLine();
                    else if (_line.Length < MaxLine) _line.Append(buffer[i]);
                    else _lineTooLong = true;
                }
        }
        lock (_line) EndLine();
    }

    private void EndLine()
    {
        if (_lineTooLong || !string.IsNullOrWhiteSpace(_line.ToString()))
        {
            _last = _lineTooLong ? null : _line.ToString().TrimEnd('\r');
            _lastTooLong = _lineTooLong;
        }
        _line.Clear();
        _lineTooLong = false;
    }
}
