using LayerNas.Export.Onnx;
using LayerNas.Export.Runtime;
using LayerNas.Export.Weights;
using LayerNas.Networks.Spaces;
using LayerNas.SearchSpaces;
using LayerNas.Training;
using Xunit.Abstractions;

namespace LayerNas.Export.Tests;

public sealed class OnnxExporterTests(ITestOutputHelper output)
{
    public static TheoryData<string> BuiltInSpaces() => new(NetworkSpaceCatalog.Names);

    [Theory]
    [MemberData(nameof(BuiltInSpaces))]
    public void Export_BackboneOfEveryBuiltInSpace_OnnxRuntimeMatchesTorchSharp(string name)
    {
        var space = NetworkSpaceCatalog.Get(name);
        var v = RoundTrip(space, space.Backbone, seed: 1);
        output.WriteLine($"{name} backbone: {v}");
        Assert.True(v.Passed, v.ToString());
        AssertMeaningful(v);
    }

    [Theory]
    [InlineData("mobilenet-v2-32", 11)]
    [InlineData("mobilenet-v2-1.4-28", 12)]
    [InlineData("mobilenet-v3-small-32", 13)]
    [InlineData("mobilenet-v3-large-28", 14)]
    [InlineData("mobilenet-v3-small", 15)]
    public void Export_RandomArchitectures_OnnxRuntimeMatchesTorchSharp(string name, int seed)
    {
        var space = NetworkSpaceCatalog.Get(name);
        var random = new Random(seed);
        for (int i = 0; i < 3; i++)
        {
            var arch = RandomArchitecture(space.Space, random);
            var v = RoundTrip(space, arch, seed + i);
            output.WriteLine($"{name} {arch}: {v}");
            Assert.True(v.Passed, $"{arch}: {v}");
            AssertMeaningful(v);
        }
    }

    [Fact]
    public void StateDictLayout_EveryBuiltInBackbone_MatchesTorchSharpStateDict()
    {
        foreach (var name in NetworkSpaceCatalog.Names)
        {
            var spec = NetworkSpaceCatalog.Get(name).Build(NetworkSpaceCatalog.Get(name).Backbone);
            using var module = Trainer.CreateModule(spec, 0);
            var torch = TorchWeights.FromModule(module);
            var layout = StateDictLayout.Of(spec);
            // Same names (TorchSharp lists parameters before buffers; PyTorch module by module: order is not part of the contract).
            Assert.Equal(torch.Keys.Order(StringComparer.Ordinal).ToArray(), layout.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray());
            foreach (var t in layout) Assert.Equal(t.Shape, torch[t.Name].Shape);
        }
    }

    [Fact]
    public void Export_WeightsMissingATensor_ThrowsNamingIt()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-small-28");
        var spec = space.Build(space.Backbone);
        var weights = SyntheticWeights.Create(spec, 0).Where(kv => kv.Key != "blocks.2.project.1.running_var").ToDictionary();
        var ex = Assert.Throws<ArgumentException>(() => OnnxExporter.Export(spec, weights));
        Assert.Contains("blocks.2.project.1.running_var", ex.Message);
    }

    [Fact]
    public void Compare_CorruptedOnnxWeights_FailsVerification()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v2-28");
        var spec = space.Build(space.Backbone);
        using var module = Trainer.CreateModule(spec, 0);
        var weights = SyntheticWeights.Calibrated(spec, 3);
        TorchWeights.Load(module, weights);
        var corrupted = weights.ToDictionary();
        var w = corrupted["blocks.1.depthwise.0.weight"];
        corrupted[w.Name] = TensorData.Float(w.Name, w.Shape, w.RequireFloats().Select(x => x * 1.5f).ToArray());
        var v = OnnxVerifier.Compare(module, OnnxExporter.Export(spec, corrupted));
        output.WriteLine(v.ToString());
        Assert.False(v.Passed);
        Assert.Throws<ExportVerificationException>(() => OnnxVerifier.Verify(module, OnnxExporter.Export(spec, corrupted)));
    }

    [Theory]
    [InlineData("mobilenet-v2-28", "blocks.3.project.0.weight")]
    [InlineData("mobilenet-v3-small-28", "blocks.5.expand.0.weight")]
    [InlineData("mobilenet-v3-large-28", "blocks.2.depthwise.1.running_var")]
    public void Compare_OneCorruptedWeightValue_FailsVerification(string name, string tensor)
    {
        var space = NetworkSpaceCatalog.Get(name);
        var spec = space.Build(space.Backbone);
        using var module = Trainer.CreateModule(spec, 0);
        var weights = SyntheticWeights.Calibrated(spec, 4);
        TorchWeights.Load(module, weights);
        Assert.True(OnnxVerifier.Compare(module, OnnxExporter.Export(spec, weights)).Passed);
        // One value of one tensor off by a plausible amount (a bit flip in the exponent would be far larger).
        var corrupted = weights.ToDictionary();
        var values = corrupted[tensor].RequireFloats().ToArray();
        int at = values.Length / 2;
        values[at] = values[at] * 2 + 0.5f;
        corrupted[tensor] = TensorData.Float(tensor, corrupted[tensor].Shape, values);
        var v = OnnxVerifier.Compare(module, OnnxExporter.Export(spec, corrupted));
        output.WriteLine($"{name} {tensor}[{at}]: {v}");
        Assert.False(v.Passed, v.ToString());
    }

    [Fact]
    public void Calibrated_FreshlyInitializedBackbone_ScaleOfOrderOneWhereInitIsNot()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-small-28");
        var spec = space.Build(space.Backbone);
        using var fresh = Trainer.CreateModule(spec, 0);
        var init = OnnxVerifier.Compare(fresh, OnnxExporter.Export(spec, TorchWeights.FromModule(fresh)));
        var calibrated = OnnxVerifier.VerifyCalibrated(spec);
        output.WriteLine($"fresh init: {init}");
        output.WriteLine($"calibrated: {calibrated}");
        Assert.True(init.Passed);
        Assert.True(init.MaxAbsReference < 1e-3, "the fresh init's outputs vanish, which is why the exporter is also checked with calibrated weights");
        AssertMeaningful(calibrated);
    }

    /// <summary>The check can fail: outputs of order 1 and a tolerance of at most 1e-3 of that scale.</summary>
    private static void AssertMeaningful(ExportVerification v)
    {
        Assert.InRange(v.MaxAbsReference, 0.1, 1e3);
        Assert.True(v.Allowed <= 1e-3 * v.MaxAbsReference, v.ToString());
    }

    internal static ExportVerification RoundTrip(NetworkSearchSpace space, Architecture arch, int seed)
    {
        var spec = space.Build(arch);
        using var module = Trainer.CreateModule(spec, seed);
        // Batch-norm statistics from the activations, so that outputs are of order 1 and folding is really tested.
        TorchWeights.Load(module, SyntheticWeights.Calibrated(spec, seed));
        var onnx = OnnxExporter.Export(spec, TorchWeights.FromModule(module));
        return OnnxVerifier.Compare(module, onnx, batch: 2, seed: seed, weights: $"calibrated synthetic weights (seed {seed})");
    }

    internal static Architecture RandomArchitecture(SearchSpace space, Random random) => space.Sample(random);
}
