using System.Globalization;
using System.Text;
using LayerNas.Export.Latency;
using LayerNas.Export.Onnx;
using LayerNas.Export.Runtime;
using LayerNas.Export.Weights;
using LayerNas.Networks;

namespace LayerNas.Export.Packaging;

/// <summary>
/// Writes a deployable model folder: <c>model.json</c> (spec), <c>model.onnx</c> (BN folded, verified against
/// TorchSharp with ONNX Runtime), <c>weights.safetensors</c> (PyTorch reference module's state-dict names),
/// <c>weights.dat</c> (TorchSharp <c>Module.save</c>) and <c>card.md</c>. The graph is verified twice: model.onnx with
/// its own weights, and the same spec with <see cref="SyntheticWeights.Calibrated"/> weights (order-1 activations,
/// where fresh untrained weights give outputs of about 1e-9). Everything is written into a hidden sibling
/// folder that is renamed to the output folder only when all files are written and verified, so a failed export
/// leaves nothing that looks complete (an export killed before the rename leaves the hidden folder; the next export
/// to the same folder removes it). The output folder must not exist or be empty. Not thread-safe per module.
/// </summary>
public static class ModelExporter
{
    public static readonly IReadOnlyList<string> FileNames = ["model.json", "model.onnx", "weights.safetensors", "weights.dat", "card.md"];

    public static ExportResult Export(ExportRequest request, string outDirectory, TimeProvider? time = null)
    {
        string target = Path.TrimEndingDirectorySeparator(Path.GetFullPath(outDirectory));
        if (File.Exists(target))
            throw UserInputException.ForSetting("out", $"{outDirectory} is a file: give a folder that does not exist yet (or is empty).");
        if (Directory.Exists(target) && Directory.EnumerateFileSystemEntries(target).Any())
            throw UserInputException.ForSetting("out", $"{outDirectory} exists and is not empty: give a new folder, or remove it first.");
        string parent = Path.GetDirectoryName(target) ?? throw UserInputException.ForSetting("out", $"{outDirectory}: give a folder, not a root.");
        string temp = Path.Combine(parent, $".{Path.GetFileName(target)}.partial-{Guid.NewGuid():N}");
        try
        {
            // What an export killed before its rename left behind.
            if (Directory.Exists(parent))
                foreach (var stale in Directory.EnumerateDirectories(parent, $".{Path.GetFileName(target)}.partial-*"))
                    Directory.Delete(stale, recursive: true);
            Directory.CreateDirectory(temp);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw UserInputException.ForSetting("out", $"{outDirectory} cannot be written ({ex.Message}): give a folder in a writable place.");
        }
        try
        {
            var result = WriteAll(request, temp, time ?? TimeProvider.System);
            if (Directory.Exists(target)) Directory.Delete(target);
            Directory.Move(temp, target);
            return result with { Directory = target, Files = FileNames.Select(f => Path.Combine(target, f)).ToArray() };
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw UserInputException.ForSetting("out", $"{outDirectory} cannot be written ({ex.Message}): give a folder in a writable place with free space.");
        }
        finally
        {
            if (Directory.Exists(temp)) Directory.Delete(temp, recursive: true);
        }
    }

    private static ExportResult WriteAll(ExportRequest request, string dir, TimeProvider time)
    {
        var spec = request.Spec;
        var module = request.Module;
        var weights = TorchWeights.FromModule(module);
        var metadata = new Dictionary<string, string> { ["format"] = "pt", ["layernas.network"] = spec.Name };
        if (request.Architecture is not null) metadata["layernas.architecture"] = request.Architecture;

        File.WriteAllText(Path.Combine(dir, "model.json"), spec.ToJson());
        var onnx = OnnxExporter.Export(spec, weights, metadata);
        var verification = OnnxVerifier.Verify(module, onnx);
        var calibrated = OnnxVerifier.VerifyCalibrated(spec);
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), onnx);
        // PyTorch order (module by module, parameters then buffers), so the file reads like a torch state_dict.
        SafetensorsFile.Write(Path.Combine(dir, "weights.safetensors"), StateDictLayout.Of(spec).Select(t => weights[t.Name]), metadata);
        module.save(Path.Combine(dir, "weights.dat"));
        var latency = new LatencyMeter(request.Latency, time).Measure(onnx, spec.Input.Channels, spec.Input.Resolution);
        var costs = NetworkCosts.Of(spec);
        File.WriteAllText(Path.Combine(dir, "card.md"), Card(request, costs, [verification, calibrated], latency));
        return new ExportResult(dir, FileNames.Select(f => Path.Combine(dir, f)).ToArray(), verification, calibrated, latency, costs);
    }

    private static string Card(ExportRequest request, NetworkCosts costs, IReadOnlyList<ExportVerification> verifications, LatencyMeasurement latency)
    {
        var spec = request.Spec;
        var inv = CultureInfo.InvariantCulture;
        var sb = new StringBuilder();
        sb.AppendLine(inv, $"# {spec.Name}");
        sb.AppendLine();
        sb.AppendLine("## Architecture");
        sb.AppendLine();
        if (request.Space is not null) sb.AppendLine(inv, $"- search space: `{request.Space}`");
        if (request.Architecture is not null) sb.AppendLine(inv, $"- architecture: `{request.Architecture}`");
        sb.AppendLine(inv, $"- input: {spec.Input.Resolution}×{spec.Input.Resolution}×{spec.Input.Channels}, {spec.Classes} classes");
        sb.AppendLine(inv, $"- stem: conv {spec.Stem.Kernel}×{spec.Stem.Kernel}/{spec.Stem.Stride} → {spec.Stem.OutChannels}");
        sb.AppendLine("- blocks:");
        for (int i = 0; i < spec.Blocks.Count; i++)
        {
            var b = spec.Blocks[i];
            string kind = b switch
            {
                Networks.Specs.InvertedResidualSpec r => $"inverted residual, expand {r.ExpandedChannels}{(r.SqueezeExcite is null ? "" : ", SE")}, {r.Activation}",
                Networks.Specs.DepthwiseSeparableSpec d => $"depthwise separable{(d.SqueezeExcite is null ? "" : ", SE")}, {d.Activation}",
                Networks.Specs.ConvSpec c => $"conv, groups {c.Groups}, {c.Activation}",
                _ => b.GetType().Name,
            };
            sb.AppendLine(inv, $"  {i}. k{b.Kernel} s{b.Stride} {b.InChannels}→{b.OutChannels}: {kind}");
        }
        if (spec.Head.Count > 0) sb.AppendLine(inv, $"- head: {string.Join(", ", spec.Head.Select(h => $"conv {h.Kernel}×{h.Kernel} → {h.OutChannels}"))}");
        sb.AppendLine();
        sb.AppendLine("## Costs (batch 1, exact from the spec)");
        sb.AppendLine();
        sb.AppendLine(inv, $"- multiply-adds: {costs.MultiplyAdds / 1e6:F2} M");
        sb.AppendLine(inv, $"- parameters: {costs.Parameters / 1e6:F3} M");
        sb.AppendLine(inv, $"- peak activation memory: {costs.ActivationBytesFloat32 / 1024.0:F0} KiB (float32), {costs.ActivationBytesInt8 / 1024.0:F0} KiB (int8)");
        sb.AppendLine(inv, $"- measured latency (ONNX Runtime {Microsoft.ML.OnnxRuntime.OrtEnv.Instance().GetVersionString()}, CPU, batch 1, {latency.Threads} thread(s), {latency.Runs} runs after {request.Latency.Warmup} warm-up, {LatencyTable.ThisMachine()}): {latency}");
        sb.AppendLine();
        sb.AppendLine("## Accuracy and metrics");
        sb.AppendLine();
        if (request.Metrics.Count == 0) sb.AppendLine("- none recorded");
        foreach (var (k, v) in request.Metrics.OrderBy(kv => kv.Key, StringComparer.Ordinal))
            sb.AppendLine(inv, $"- {k}: {v.ToString("G6", inv)}");
        sb.AppendLine();
        sb.AppendLine("## How it was found");
        sb.AppendLine();
        sb.AppendLine(request.Provenance);
        sb.AppendLine();
        sb.AppendLine("## Files");
        sb.AppendLine();
        sb.AppendLine("- `model.json`: the network spec (`NetworkSpec.FromJson` rebuilds it).");
        sb.AppendLine(inv, $"- `model.onnx`: ONNX opset {OnnxExporter.Opset}, input `input` [batch, {spec.Input.Channels}, {spec.Input.Resolution}, {spec.Input.Resolution}] float32, output [batch, {spec.Classes}] logits; batch norm folded into the convolutions, dropout removed.");
        sb.AppendLine("- `weights.safetensors`: float32 state dict named as `bench/torch_reference.py`'s module (`load_state_dict`, strict).");
        sb.AppendLine("- `weights.dat`: TorchSharp `Module.save` of the same weights (`NetworkModule.load`).");
        sb.AppendLine(inv, $"- weights: {request.WeightsDescription}");
        sb.AppendLine();
        sb.AppendLine("## Verification");
        sb.AppendLine();
        foreach (var verification in verifications)
            sb.AppendLine(inv, $"- ONNX Runtime vs TorchSharp (eval mode) on a seeded N(0,1) batch, {verification}: passed.");
        return sb.ToString();
    }
}
