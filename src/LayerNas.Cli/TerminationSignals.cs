using System.Runtime.InteropServices;

namespace LayerNas.Cli;

/// <summary>
/// Turns the first SIGINT (Ctrl+C) or SIGTERM into a cancellation, so that a command stops cleanly: trainers
/// killed, running trials given back to the store, the terminal restored. A second signal is left to the runtime,
/// which ends the process at once (a forced stop: the trainers were already killed by the first).
/// </summary>
public sealed class TerminationSignals : IDisposable
{
    private readonly CancellationTokenSource _cancel = new();
    private readonly PosixSignalRegistration[] _registrations;
    private int _received;

    public TerminationSignals()
    {
        _registrations = [PosixSignalRegistration.Create(PosixSignal.SIGINT, OnSignal), PosixSignalRegistration.Create(PosixSignal.SIGTERM, OnSignal)];
    }

    /// <summary>Cancelled at the first signal.</summary>
    public CancellationToken Token => _cancel.Token;

    /// <summary>The shell's exit code for the first signal received (128 + its number: 130 for SIGINT, 143 for SIGTERM); null when none came.</summary>
    public int? ExitCode => Volatile.Read(ref _received) switch
    {
        0 => null,
        var signal => 128 + signal,
    };

    private void OnSignal(PosixSignalContext context)
    {
        int number = context.Signal == PosixSignal.SIGINT ? 2 : 15;
        if (Interlocked.CompareExchange(ref _received, number, 0) != 0) return; // the second: let the runtime end the process
        context.Cancel = true;
        _cancel.Cancel();
    }

    public void Dispose()
    {
        foreach (var registration in _registrations) registration.Dispose();
        _cancel.Dispose();
    }
}
