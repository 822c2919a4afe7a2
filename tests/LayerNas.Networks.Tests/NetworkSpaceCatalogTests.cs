using LayerNas.Networks.Spaces;
using LayerNas.Networks.Specs;
using LayerNas.SearchSpaces;

namespace LayerNas.Networks.Tests;

public class NetworkSpaceCatalogTests
{
    public static TheoryData<string> Names() => new(NetworkSpaceCatalog.Names);

    [Theory]
    [InlineData("mobilenet-v2", "mobilenet_v2", 1.0, 224, 3, 1000, 2)]
    [InlineData("mobilenet-v2-1.4", "mobilenet_v2", 1.4, 224, 3, 1000, 2)]
    [InlineData("mobilenet-v3-small", "mobilenet_v3_small", 1.0, 224, 3, 1000, 2)]
    [InlineData("mobilenet-v3-large", "mobilenet_v3_large", 1.0, 224, 3, 1000, 2)]
    [InlineData("mobilenet-v2-32", "mobilenet_v2", 1.0, 32, 3, 10, 1)]
    [InlineData("mobilenet-v3-large-28", "mobilenet_v3_large", 1.0, 28, 1, 10, 1)]
    [InlineData("mobilenet-v2-1.4-28", "mobilenet_v2", 1.4, 28, 1, 10, 1)]
    public void Build_Backbone_IsTheReferenceModel(string space, string model, double width, int resolution, int channels, int classes, int stemStride)
    {
        var s = NetworkSpaceCatalog.Get(space);
        var reference = MobileNets.ByName(model, width, resolution, classes, channels, stemStride);

        var built = s.Build(s.Backbone);

        Assert.Equal(reference.ToJson(), (built with { Name = reference.Name }).ToJson());
        Assert.Equal(NetworkCosts.Of(reference), s.Costs(s.Backbone));
    }

    [Theory]
    [MemberData(nameof(Names))]
    public void Get_EveryBuiltIn_BackboneCostLiesInsideTheSpaceRange(string name)
    {
        var space = NetworkSpaceCatalog.Get(name);
        foreach (var costName in NetworkSearchSpace.CostModelNames)
        {
            var model = space.CostModel(costName);
            var range = model.Completions(PartialArchitecture.Empty(space.Space.LayerCount));
            double backbone = model.Cost(space.Backbone);

            // The peak activation of small backbones sits at the fixed stem, so it may equal the minimum.
            bool inside = costName.StartsWith("activation") ? range.Contains(backbone) && range.Min < range.Max : range.Min < backbone && backbone < range.Max;
            Assert.True(inside, $"{name} {costName}: {backbone} not inside {range}");
        }
    }

    [Fact]
    public void Get_MobileNetV3Large_HasOneLayerPerBlockAndDropOnRepeatedBlocks()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");

        Assert.Equal(15, space.Space.LayerCount);
        Assert.DoesNotContain("drop", space.Space.Layers[0].Options);  // first block of its stage
        Assert.DoesNotContain("drop", space.Space.Layers[1].Options);  // stride 2
        Assert.Equal("drop", space.Space.Layers[2].Options[^1]);      // 24 -> 24 repeat
        Assert.Equal("k3-x72-c24", space.Space.Layers[2].Options[space.Backbone[2]]);
        Assert.Equal("k5-x120-c40-se", space.Space.Layers[4].Options[space.Backbone[4]]);
    }

    [Fact]
    public void Get_UnknownName_ThrowsUserInputExceptionListingNames()
    {
        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceCatalog.Get("mobilenet-v9"));

        Assert.Contains("mobilenet-v3-large", ex.Message);
    }

    [Fact]
    public void Resolve_NeitherNameNorFile_SaysWhatToGive()
    {
        var ex = Assert.Throws<UserInputException>(() => NetworkSpaceCatalog.Resolve("no-such-space.yaml"));

        Assert.Contains("neither a built-in search space nor a file", ex.Message);
    }

    [Fact]
    public void Build_DroppedBlock_RemovesItAndKeepsShapesValid()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v2");
        var arch = space.Backbone.With(2, space.Space.Layers[2].Count - 1); // drop the second 24-channel block

        var spec = space.Build(arch);

        Assert.Equal(16, spec.Blocks.Count);
        Assert.Empty(spec.Problems());
        Assert.Equal(NetworkCosts.Of(spec), space.Costs(arch));
    }

    [Fact]
    public void CostModel_UnknownName_ThrowsUserInputException()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v2");

        Assert.Throws<UserInputException>(() => space.CostModel("flops"));
    }

    [Fact]
    public void CostModel_Units_AreMillionsAndBytes()
    {
        var space = NetworkSpaceCatalog.Get("mobilenet-v3-large");
        var costs = space.Costs(space.Backbone);

        Assert.Equal(costs.MultiplyAdds / 1e6, space.CostModel("madds").Cost(space.Backbone));
        Assert.Equal(costs.Parameters / 1e6, space.CostModel("params").Cost(space.Backbone));
        Assert.Equal(costs.ActivationBytesFloat32, space.CostModel("activation").Cost(space.Backbone));
        Assert.Equal(costs.ActivationBytesInt8, space.CostModel("activation-int8").Cost(space.Backbone));
        Assert.Equal("MMAdds", space.CostModel("madds").Unit);
    }
}
