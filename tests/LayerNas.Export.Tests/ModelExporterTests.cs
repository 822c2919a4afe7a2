using System.Diagnostics;
using System.Runtime.InteropServices;
using LayerNas.Export.Packaging;
using LayerNas.Export.Runtime;
using LayerNas.Export.Weights;
using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;
using Architecture = LayerNas.SearchSpaces.Architecture;
using LayerNas.Training;
using LayerNas.Training.Modules;
using Xunit.Abstractions;

namespace LayerNas.Export.Tests;

public sealed class ModelExporterTests(ITestOutputHelper output)
{
    private static (NetworkModule Module, ExportRequest Request) Request(string spaceName, Architecture? arch = null, int seed = 5)
    {
        var space = NetworkSpaceCatalog.Get(spaceName);
        var spec = space.Build(arch ?? space.Backbone);
        var module = Trainer.CreateModule(spec, seed);
        TorchWeights.Load(module, SyntheticWeights.Create(spec, seed));
        var request = new ExportRequest(module, "synthetic test weights", "a test")
        {
            Space = space.Name, Architecture = (arch ?? space.Backbone).ToString(),
            Metrics = new Dictionary<string, double> { ["reward"] = 91.5 },
            Latency = new Latency.LatencyOptions { Warmup = 1, Runs = 3 },
        };
        return (module, request);
    }

    [Fact]
    public void Export_Backbone_WritesEveryFileAndACard()
    {
        var (module, request) = Request("mobilenet-v3-small-28");
        using var _ = module;
        var dir = Path.Combine(TestPaths.NewTempDirectory(), "out");
        var result = ModelExporter.Export(request, dir);
        foreach (var f in ModelExporter.FileNames) Assert.True(File.Exists(Path.Combine(dir, f)), f);
        Assert.True(result.Verification.Passed);
        Assert.True(result.CalibratedVerification.Passed);
        Assert.InRange(result.CalibratedVerification.MaxAbsReference, 0.1, 1e3);
        var card = File.ReadAllText(Path.Combine(dir, "card.md"));
        Assert.Contains("multiply-adds", card);
        Assert.Contains("measured latency", card);
        Assert.Contains("reward: 91.5", card);
        Assert.Contains(request.Architecture!, card);
        Assert.Equal(request.Spec.ToJson(), NetworkSpec.FromJson(File.ReadAllText(Path.Combine(dir, "model.json"))).ToJson());
        // Nothing but the output folder is left beside it (the temporary folder was renamed).
        Assert.Single(Directory.GetFileSystemEntries(Path.GetDirectoryName(dir)!));
    }

    [Fact]
    public void Export_OutWithTrailingSlash_WritesThatFolder()
    {
        var (module, request) = Request("mobilenet-v3-small-28");
        using var _ = module;
        var dir = Path.Combine(TestPaths.NewTempDirectory(), "out");
        var result = ModelExporter.Export(request, dir + Path.DirectorySeparatorChar);
        Assert.Equal(dir, result.Directory);
        Assert.True(File.Exists(Path.Combine(dir, "model.onnx")));
    }

    [Fact]
    public void Export_SafetensorsAndDat_LoadBackIntoTorchSharpWithTheSameOutput()
    {
        var (module, request) = Request("mobilenet-v2-28");
        using var _ = module;
        var dir = Path.Combine(TestPaths.NewTempDirectory(), "out");
        ModelExporter.Export(request, dir);
        int[] shape = [2, 1, 28, 28];
        var input = OnnxVerifier.RandomBatch(shape, 9);
        var expected = TorchWeights.Forward(module, input, [2, 1, 28, 28]);

        using var fromSafetensors = Trainer.CreateModule(request.Spec, 77);
        var (tensors, metadata) = SafetensorsFile.Read(Path.Combine(dir, "weights.safetensors"));
        Assert.Equal("pt", metadata["format"]);
        TorchWeights.Load(fromSafetensors, tensors.ToDictionary(t => t.Name));
        Assert.Equal(expected, TorchWeights.Forward(fromSafetensors, input, [2, 1, 28, 28]));

        using var fromDat = Trainer.CreateModule(request.Spec, 78);
        fromDat.load(Path.Combine(dir, "weights.dat"));
        Assert.Equal(expected, TorchWeights.Forward(fromDat, input, [2, 1, 28, 28]));
    }

    [Theory]
    [InlineData("mobilenet-v3-small-32", null)]
    [InlineData("mobilenet-v2-28", null)]
    [InlineData("mobilenet-v3-large-28", 4)]
    [InlineData("mobilenet-v2-1.4-32", 6)]
    public void Export_SafetensorsInPyTorchReferenceModule_SameOutputAsTorchSharp(string spaceName, int? randomSeed)
    {
        var space = NetworkSpaceCatalog.Get(spaceName);
        var arch = randomSeed is { } s ? space.Space.Sample(new Random(s)) : space.Backbone;
        var (module, request) = Request(spaceName, arch);
        using var _ = module;
        var root = TestPaths.NewTempDirectory();
        var dir = Path.Combine(root, "out");
        ModelExporter.Export(request, dir);
        var spec = request.Spec;
        int[] shape = [3, spec.Input.Channels, spec.Input.Resolution, spec.Input.Resolution];
        var input = OnnxVerifier.RandomBatch(shape, 4);
        var expected = TorchWeights.Forward(module, input, shape.Select(d => (long)d).ToArray());
        string inputFile = Path.Combine(root, "input.f32"), outputFile = Path.Combine(root, "output.f32");
        File.WriteAllBytes(inputFile, MemoryMarshal.AsBytes(input.AsSpan()).ToArray());

        string python = PythonWithTorch();
        var psi = new ProcessStartInfo(python) { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var a in new[] { Path.Combine(TestPaths.RepositoryRoot(), "bench", "safetensors_check.py"), dir, inputFile,
                     shape[0].ToString(), shape[1].ToString(), shape[2].ToString(), outputFile })
            psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        string stdout = process.StandardOutput.ReadToEnd(), stderr = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"safetensors_check.py failed: {stderr}");
        output.WriteLine(stdout);
        var actual = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(outputFile)).ToArray();
        Assert.Equal(expected.Length, actual.Length);
        double maxDiff = expected.Zip(actual, (e, a) => Math.Abs(e - (double)a)).Max();
        double maxRef = expected.Max(e => Math.Abs((double)e));
        output.WriteLine($"{spaceName} {arch}: max |PyTorch - TorchSharp| = {maxDiff:G3}, max |TorchSharp| = {maxRef:G3}");
        Assert.True(maxDiff <= 1e-4 + 1e-4 * maxRef, $"max |PyTorch - TorchSharp| = {maxDiff}");
    }

    [Fact]
    public void Export_StalePartialFolderOfAKilledExport_RemovedByTheNextExport()
    {
        var (module, request) = Request("mobilenet-v3-small-28");
        using var _ = module;
        var root = TestPaths.NewTempDirectory();
        var stale = Directory.CreateDirectory(Path.Combine(root, ".out.partial-0123456789abcdef")).FullName;
        File.WriteAllText(Path.Combine(stale, "model.onnx"), "half");
        var other = Directory.CreateDirectory(Path.Combine(root, ".other.partial-0123")).FullName;

        ModelExporter.Export(request, Path.Combine(root, "out"));

        Assert.False(Directory.Exists(stale));
        Assert.True(Directory.Exists(other)); // another output folder's, left alone
        Assert.Equal(ModelExporter.FileNames.Order(), Directory.GetFiles(Path.Combine(root, "out")).Select(Path.GetFileName).Order());
    }

    [Fact]
    public void Export_OutputFolderNotEmpty_RefusesAndLeavesItAlone()
    {
        var (module, request) = Request("mobilenet-v3-small-28");
        using var _ = module;
        var dir = TestPaths.NewTempDirectory();
        File.WriteAllText(Path.Combine(dir, "keep.txt"), "x");
        var ex = Assert.Throws<UserInputException>(() => ModelExporter.Export(request, dir));
        Assert.Contains("not empty", ex.Message);
        Assert.Equal(["keep.txt"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName));
    }

    [Fact]
    public void Export_UnwritableOutputFolder_ClearErrorAndNothingWritten()
    {
        var (module, request) = Request("mobilenet-v3-small-28");
        using var _ = module;
        var root = TestPaths.NewTempDirectory();
        var file = Path.Combine(root, "a-file");
        File.WriteAllText(file, "x");
        // A folder inside a regular file can never be created (even by root, for whom permissions do not apply).
        var ex = Assert.Throws<UserInputException>(() => ModelExporter.Export(request, Path.Combine(file, "out")));
        output.WriteLine(ex.Message);
        Assert.Contains("cannot be written", ex.Message);
        Assert.Equal(["a-file"], Directory.GetFileSystemEntries(root).Select(Path.GetFileName));
    }

    private static string PythonWithTorch()
    {
        foreach (var python in new[] { "/usr/bin/python3", "python3" })
        {
            try
            {
                var psi = new ProcessStartInfo(python, ["-c", "import torch, numpy"]) { RedirectStandardError = true, RedirectStandardOutput = true };
                using var p = Process.Start(psi)!;
                p.WaitForExit();
                if (p.ExitCode == 0) return python;
            }
            catch (System.ComponentModel.Win32Exception)
            {
                // Not installed at this path; try the next.
            }
        }
        throw new InvalidOperationException("No python3 with torch and numpy: run scripts/setup.sh (it installs Debian's python3-torch).");
    }
}
