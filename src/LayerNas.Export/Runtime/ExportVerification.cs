namespace LayerNas.Export.Runtime;

/// <summary>
/// How ONNX Runtime's output of an exported model compared with TorchSharp's on the same batch: the largest absolute
/// difference, the largest reference magnitude, and the tolerance applied (pass when
/// <see cref="MaxAbsDifference"/> ≤ <see cref="AbsoluteTolerance"/> + <see cref="RelativeTolerance"/> × <see cref="MaxAbsReference"/>). Immutable.
/// </summary>
public sealed record ExportVerification(int Batch, double MaxAbsDifference, double MaxAbsReference, double AbsoluteTolerance, double RelativeTolerance)
{
    public double Allowed => AbsoluteTolerance + RelativeTolerance * MaxAbsReference;

    public bool Passed => MaxAbsDifference <= Allowed;

    public override string ToString() =>
        $"batch {Batch}: max |ORT - TorchSharp| = {MaxAbsDifference:G3} (max |TorchSharp| = {MaxAbsReference:G3}; allowed {Allowed:G3} = {AbsoluteTolerance:G2} + {RelativeTolerance:G2} x max|TorchSharp|)";
}
