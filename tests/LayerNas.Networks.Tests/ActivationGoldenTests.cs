using System.Text.Json;

namespace LayerNas.Networks.Tests;

/// <summary>
/// Peak activation memory against bench/torchvision_activation.out: the same definition counted independently with
/// hooks on the torchvision modules (bench/torchvision_activation.py, Debian 12 python3-torchvision).
/// </summary>
public class ActivationGoldenTests
{
    public static TheoryData<string, double, int> Models() => new()
    {
        { "mobilenet_v2", 1.0, 224 }, { "mobilenet_v2", 1.4, 224 }, { "mobilenet_v3_large", 1.0, 224 }, { "mobilenet_v3_small", 1.0, 224 },
        { "mobilenet_v2", 1.0, 32 }, { "mobilenet_v3_large", 1.0, 32 }, { "mobilenet_v3_small", 1.0, 32 },
    };

    [Theory]
    [MemberData(nameof(Models))]
    public void PeakActivation_ReferenceModel_EqualsTheTorchvisionHookCount(string model, double width, int resolution)
    {
        var reference = Reference(model, width, resolution);
        var spec = MobileNets.ByName(model, width, resolution);

        var costs = NetworkCosts.Of(spec);
        var rows = BlockCostRow.Of(spec);

        Assert.Equal(reference.GetProperty("peak_elements").GetInt64(), costs.PeakActivationElements);
        foreach (var part in reference.GetProperty("per_block_elements").EnumerateObject())
        {
            // torchvision's MobileNetV2 pools functionally (no module to hook), so only V3 tails are compared.
            if (part.Name == "tail")
            {
                if (model.StartsWith("mobilenet_v3"))
                    Assert.Equal(part.Value.GetInt64(), rows.Where(r => r.Name == "pool" || r.Name.StartsWith("classifier")).Max(r => r.PeakActivationElements));
                continue;
            }
            Assert.Equal((part.Name, part.Value.GetInt64()), (part.Name, rows.Single(r => r.Name == part.Name).PeakActivationElements));
        }
    }

    private static JsonElement Reference(string model, double width, int resolution)
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "LayerNas.slnx"))) dir = Path.GetDirectoryName(dir);
        return File.ReadAllLines(Path.Combine(dir!, "bench", "torchvision_activation.out"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Single(e => e.GetProperty("model").GetString() == model && e.GetProperty("width").GetDouble() == width
                && e.GetProperty("resolution").GetInt32() == resolution);
    }
}
