namespace LayerNas.Export.Runtime;

/// <summary>The exported ONNX model does not reproduce TorchSharp's output within tolerance: a bug, not a user error.</summary>
public sealed class ExportVerificationException(ExportVerification verification)
    : Exception($"ONNX export verification failed: {verification}.")
{
    public ExportVerification Verification { get; } = verification;
}
