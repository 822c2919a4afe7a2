namespace LayerNas.Export.Runtime;

/// <summary>
/// How ONNX Runtime's output of an exported model compared with TorchSharp's on the same batch: the largest absolute
/// difference, the output scale (the largest reference magnitude), and the relative tolerance: pass when
/// <see cref="MaxAbsDifference"/> ≤ <see cref="RelativeTolerance"/> × <see cref="MaxAbsReference"/>, so the check means
/// the same at any output scale. <see cref="Weights"/> says which weights were compared. Immutable.
/// </summary>
public sealed record ExportVerification(int Batch, double MaxAbsDifference, double MaxAbsReference, double RelativeTolerance, string Weights)
{
    public double Allowed => RelativeTolerance * MaxAbsReference;

    public bool Passed => MaxAbsDifference <= Allowed;

    public override string ToString() =>
        $"{Weights}, batch {Batch}: max |ORT - TorchSharp| = {MaxAbsDifference:G3} (output scale max |TorchSharp| = {MaxAbsReference:G3}; allowed {Allowed:G3} = {RelativeTolerance:G2} x scale)";
}
